namespace IceCheckout.Catalog.Infrastructure.Images;

public sealed record InspectedImage(string ContentType, byte[] Data, string ETag, int Width, int Height);
