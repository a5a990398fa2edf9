namespace IceCheckout.Messaging.Infrastructure;

internal static class RpcHeaders
{
    /// <summary>Direct reply-to: replies go straight to the calling channel, no reply queue to declare or recover.</summary>
    public const string DirectReplyTo = "amq.rabbitmq.reply-to";

    /// <summary>Set on a reply when the worker failed; its value is the reason.</summary>
    public const string Error = "x-rpc-error";
}
