namespace IceCheckout.AppHost.Servers;

/// <summary>How the servers are provided: configuration <c>Servers:Mode</c> = <c>auto</c> (default), <c>containers</c> or <c>executables</c>.</summary>
internal enum ServerMode
{
    Auto,
    Containers,
    Executables,
}
