namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>A tray photo of <c>models/testset</c> and what is on it (its YOLO label file, names from <c>models/labels.txt</c>).</summary>
public sealed record HeldOutTray(string Name, byte[] Image, IReadOnlyDictionary<string, int> Contents)
{
    public static HeldOutTray Read(string name)
    {
        var names = File.ReadAllLines(ServiceBinaries.RepositoryFile("models/labels.txt")).Where(line => line.Length > 0).ToArray();
        var contents = File.ReadAllLines(ServiceBinaries.RepositoryFile($"models/testset/labels/{name}.txt"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => names[int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)])
            .GroupBy(label => label)
            .ToDictionary(group => group.Key, group => group.Count());
        return new HeldOutTray(name, File.ReadAllBytes(ServiceBinaries.RepositoryFile($"models/testset/images/{name}.jpg")), contents);
    }
}
