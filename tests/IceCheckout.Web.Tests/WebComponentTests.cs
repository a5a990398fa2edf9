namespace IceCheckout.Web.Tests;

public sealed class WebComponentTests
{
    /// <summary>The web app's own component tests (Vitest, in <c>web/src/**/*.test.ts*</c>), run once with the rest.</summary>
    [Fact]
    public async Task The_web_app_component_tests_pass()
    {
        var (exitCode, output) = await WebBuild.RunScriptAsync("test");

        Assert.True(exitCode == 0, output);
        Assert.Contains("passed", output, StringComparison.Ordinal);
    }
}
