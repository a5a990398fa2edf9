namespace IceCheckout.AppHost.Servers;

/// <summary>
/// A server from the operating system's packages, run in the foreground by <c>scripts/servers.sh run</c> on the port the
/// orchestrator gives its endpoint, and handed to the services as a connection string.
/// </summary>
internal sealed class ServerResource(string name, string workingDirectory, Func<EndpointReference, ReferenceExpression> connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => connectionString(Endpoint);
}
