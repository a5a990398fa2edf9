namespace IceCheckout.Gateway.Staff;

/// <summary>
/// <c>dotnet IceCheckout.Gateway.dll hash-password</c>: reads a password from standard input and prints its hash, the value of
/// <c>Gateway:Staff:Accounts:&lt;user name&gt;</c>.
/// </summary>
public static class PasswordHashCommand
{
    public const string Name = "hash-password";

    public static int Run(TextReader input, TextWriter output)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("Type the password on standard input, e.g.: read -rs p; echo \"$p\" | dotnet IceCheckout.Gateway.dll hash-password");
            return 1;
        }

        output.WriteLine(StaffAccounts.Hash(password));
        return 0;
    }
}
