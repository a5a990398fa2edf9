using System.Buffers;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace IceCheckout.Detection.Inference;

/// <summary>
/// A YOLO-family ONNX model: sizes, class names and output layout read from the model itself.
/// Thread-safe: several batches may run at once on the one session.
/// </summary>
public sealed class OnnxDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly RunOptions _runOptions = new();

    private OnnxDetector(
        InferenceSession session,
        string modelPath,
        string sha256,
        string executionProvider,
        ILogger logger)
    {
        _session = session;
        ModelName = Path.GetFileNameWithoutExtension(modelPath);
        Sha256 = sha256;
        ExecutionProvider = executionProvider;

        var metadata = session.ModelMetadata;
        Description = string.IsNullOrWhiteSpace(metadata.Description) ? null : metadata.Description;
        var properties = metadata.CustomMetadataMap;

        var (inputName, input) = session.InputMetadata.First();
        _inputName = inputName;
        var dimensions = input.Dimensions;
        if (dimensions.Length != 4 || dimensions[1] is not (3 or -1))
        {
            throw new InvalidOperationException($"Model input '{inputName}' is [{string.Join(", ", dimensions)}], not [batch, 3, height, width].");
        }

        var declaredSize = properties.TryGetValue("imgsz", out var imgsz) ? ModelMetadataParser.ParseImageSize(imgsz) : ((int, int)?)null;
        InputHeight = dimensions[2] > 0 ? dimensions[2] : declaredSize?.Item1
            ?? throw new InvalidOperationException("The model's input height is dynamic and its metadata has no 'imgsz'.");
        InputWidth = dimensions[3] > 0 ? dimensions[3] : declaredSize?.Item2
            ?? throw new InvalidOperationException("The model's input width is dynamic and its metadata has no 'imgsz'.");
        FixedBatchSize = dimensions[0] > 0 ? dimensions[0] : null;

        _outputName = session.OutputMetadata.Keys.First();
        var names = properties.TryGetValue("names", out var literal) ? ModelMetadataParser.ParseNames(literal) : null;

        // The output's anchor count is often a dynamic axis; one run on a blank image gives the real shape (and warms up).
        var (rows, columns) = ProbeOutputShape();
        Output = OutputShape.Resolve(rows, columns, names?.Count);
        ClassNames = names ?? [.. Enumerable.Range(0, Output.ClassCount).Select(i => $"class{i}")];

        Version = properties.TryGetValue("version", out var version) && !string.IsNullOrWhiteSpace(version) ? version.Trim() : Sha256[..12];

        logger.LogInformation(
            "Detector {Model} {Version} (SHA-256 {Sha256}) loaded on {Provider}: input {Width}x{Height}, {Layout} output [{Rows}, {Columns}], {Classes} classes, batch {Batch}.",
            ModelName, Version, Sha256, ExecutionProvider, InputWidth, InputHeight, Output.Layout, rows, columns, ClassNames.Count,
            FixedBatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dynamic");
    }

    public string ModelName { get; }

    public string? Description { get; }

    /// <summary><see cref="InferenceSessionFactory.Cuda"/> or <see cref="InferenceSessionFactory.Cpu"/>.</summary>
    public string ExecutionProvider { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int InputLength => 3 * InputWidth * InputHeight;

    public OutputShape Output { get; }

    /// <summary>The batch size of a model exported without a dynamic batch axis; null when any batch size works.</summary>
    public int? FixedBatchSize { get; }

    /// <summary>SHA-256 of the model file's bytes as loaded (lower-case hex).</summary>
    public string Sha256 { get; }

    /// <summary>The model's <c>version</c> metadata; without one, the first 12 hex digits of <see cref="Sha256"/>.</summary>
    public string Version { get; }

    /// <summary>Identifies the model's bytes, so cached results of another model are never served.</summary>
    public string Fingerprint => Sha256[..16];

    public static OnnxDetector Load(
        string modelPath,
        ExecutionProviderPreference preference,
        int cudaDeviceId,
        int intraOpThreads,
        ILogger logger)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Detection model not found at '{modelPath}'.", modelPath);
        }

        // Read once: the hash names exactly the bytes the session was built from, even if the file is replaced meanwhile.
        var bytes = File.ReadAllBytes(modelPath);
        var (session, provider) = InferenceSessionFactory.Create(bytes, preference, cudaDeviceId, intraOpThreads, logger);
        try
        {
            return new OnnxDetector(session, modelPath, Convert.ToHexStringLower(SHA256.HashData(bytes)), provider, logger);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model once over letterboxed images (each <see cref="InputLength"/> floats, CHW, RGB 0..1).</summary>
    /// <returns>Per image, the detections in model-input pixels after the confidence filter and NMS.</returns>
    public IReadOnlyList<Candidate>[] Detect(IReadOnlyList<ReadOnlyMemory<float>> images, PostProcessing postProcessing)
    {
        if (FixedBatchSize is { } fixedBatch && images.Count > fixedBatch)
        {
            return [.. images.Chunk(fixedBatch).SelectMany(chunk => Detect(chunk, postProcessing))];
        }

        var batch = FixedBatchSize ?? images.Count;
        var length = batch * InputLength;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            for (var i = 0; i < images.Count; i++)
            {
                if (images[i].Length != InputLength)
                {
                    throw new ArgumentException($"Image {i} has {images[i].Length} values, the model takes {InputLength}.", nameof(images));
                }

                images[i].Span.CopyTo(buffer.AsSpan(i * InputLength, InputLength));
            }

            // A padded fixed batch: the unused slots must not carry a previous caller's pixels.
            buffer.AsSpan(images.Count * InputLength, length - images.Count * InputLength).Clear();
            return Run(buffer.AsMemory(0, length), batch, images.Count, postProcessing);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc cref="Detect(IReadOnlyList{ReadOnlyMemory{float}}, PostProcessing)"/>
    public IReadOnlyList<Candidate>[] Detect(IReadOnlyList<float[]> images, PostProcessing postProcessing) =>
        Detect([.. images.Select(image => new ReadOnlyMemory<float>(image))], postProcessing);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private IReadOnlyList<Candidate>[] Run(Memory<float> input, int batch, int images, PostProcessing postProcessing)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, [batch, 3, InputHeight, InputWidth]);
        using var outputs = _session.Run(_runOptions, [_inputName], [tensor], [_outputName]);
        var output = outputs[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 3 || shape[1] != Output.Rows || shape[2] != Output.Columns)
        {
            throw new InvalidOperationException($"The model returned [{string.Join(", ", shape)}], expected [{batch}, {Output.Rows}, {Output.Columns}].");
        }

        var values = output.GetTensorDataAsSpan<float>();
        var perImage = Output.Rows * Output.Columns;
        var results = new IReadOnlyList<Candidate>[images];
        for (var i = 0; i < images; i++)
        {
            var candidates = YoloOutputDecoder.Decode(values.Slice(i * perImage, perImage), Output, postProcessing.ConfidenceThreshold, postProcessing.MultiLabel);
            results[i] = NonMaxSuppression.Apply(
                candidates, postProcessing.IouThreshold, postProcessing.MaxDetections, postProcessing.CrossClassIouThreshold);
        }

        return results;
    }

    private (int Rows, int Columns) ProbeOutputShape()
    {
        var batch = FixedBatchSize ?? 1;
        using var input = OrtValue.CreateTensorValueFromMemory(new float[batch * InputLength], [batch, 3, InputHeight, InputWidth]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [_outputName]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        return shape.Length == 3
            ? (checked((int)shape[1]), checked((int)shape[2]))
            : throw new InvalidOperationException($"The model output is [{string.Join(", ", shape)}]; a detector returns [batch, rows, columns].");
    }
}
