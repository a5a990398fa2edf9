namespace IceCheckout.Gateway.Staff;

public sealed record SignInRequest(string? UserName, string? Password)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(UserName) || UserName.Length > 100)
        {
            errors["userName"] = ["A user name of 1 to 100 characters is required."];
        }

        if (string.IsNullOrEmpty(Password) || Password.Length > 200)
        {
            errors["password"] = ["A password of 1 to 200 characters is required."];
        }

        return errors;
    }
}

/// <summary>Who is signed in, and the antiforgery token the web app sends as <c>X-CSRF-TOKEN</c> with every change.</summary>
public sealed record StaffSessionResponse(bool SignedIn, string? UserName, string AntiforgeryToken);
