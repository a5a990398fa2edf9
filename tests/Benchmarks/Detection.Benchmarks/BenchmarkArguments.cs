using System.Globalization;
using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Benchmarks;

public sealed record BenchmarkArguments(string ModelPath, string ImagesDirectory, int Requests, int Rounds, int Callers, ExecutionProviderPreference Provider)
{
    public static BenchmarkArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var root = RepositoryRoot();
        return new BenchmarkArguments(
            values.GetValueOrDefault("model") ?? Path.Combine(root, "models", "ice-detector.onnx"),
            values.GetValueOrDefault("images") ?? Path.Combine(root, "models", "testset", "images"),
            int.Parse(values.GetValueOrDefault("requests") ?? "600", CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("rounds") ?? "3", CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("callers") ?? "8", CultureInfo.InvariantCulture),
            Enum.Parse<ExecutionProviderPreference>(values.GetValueOrDefault("provider") ?? "auto", ignoreCase: true));
    }

    public static string CpuName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IceCheckout.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
