using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Cart.Corrections;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace IceCheckout.Cart.Tests;

/// <summary>Corrections at the kiosk kept with their frames, read by staff and exported as a YOLO data set; the activity events Search learns from.</summary>
[Collection(CartCollection.Name)]
public sealed class CorrectionTests(CartServers servers)
{
    private const string Tray = "test_000000";

    private static readonly string[] s_modelLabels = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "models", "labels.txt")).Where(l => l.Length > 0).ToArray();

    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(CorrectionTests));

    [Fact]
    public async Task A_swap_keeps_the_frame_and_the_correction_and_the_export_labels_the_boxes_with_the_product_really_there()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var frame = TestTrays.Image(Tray);
        var scan = await client.ScanAsync(cart.Id, frame);
        var detected = scan.Cart.Lines[0];
        var replacement = await ProductNotOnTheTrayAsync(stack, scan);

        var resolve = await client.PostAsJsonAsync($"/api/carts/{cart.Id}/lines/{detected.ProductId}/resolve", new { action = "swap", productId = replacement.Id });
        resolve.EnsureSuccessStatusCode();
        var resolved = (await resolve.Content.ReadFromJsonAsync<CartResponse>())!;
        var scanId = resolved.Corrections.Single().ScanId!.Value;

        using var staff = stack.Cart.CreateStaffClient();
        var records = (await staff.GetFromJsonAsync<List<CorrectionRecord>>("/api/carts/corrections"))!;
        var summary = (await staff.GetFromJsonAsync<CorrectionSummary>("/api/carts/corrections/summary"))!;
        var storedFrame = await staff.GetByteArrayAsync($"/api/carts/corrections/{scanId}/frames/0");
        var anonymous = await stack.Cart.CreateClient().GetAsync("/api/carts/corrections");
        var labels = await ExportAsync(stack.CorrectionsFolder);

        var record = records.Single(r => r.ScanId == scanId);
        var swappedBoxes = scan.Detections.Count(d => d.ProductId == detected.ProductId);
        Assert.Equal(cart.Id, record.CartId);
        Assert.Equal(scan.Detections.Count, record.Detections.Count);
        Assert.Equal(scan.Detections.Count, record.Boxes.Count);
        Assert.All(record.Boxes.Where(b => b.ServedProductId == detected.ProductId),
            b => Assert.Equal((BoxVerdicts.Relabelled, replacement.DetectionLabel, replacement.Id), (b.Verdict, b.FinalLabel, b.FinalProductId)));
        Assert.All(record.Boxes.Where(b => b.ServedProductId != detected.ProductId),
            b => Assert.Equal((BoxVerdicts.Confirmed, b.ServedLabel), (b.Verdict, b.FinalLabel)));
        Assert.Empty(record.ProductsWithoutBox);
        Assert.Contains(new FinalProduct(replacement.Id, replacement.DetectionLabel, detected.Quantity), record.FinalProducts);
        Assert.Contains(new ConfusedPair(detected.DetectionLabel, replacement.DetectionLabel, swappedBoxes), summary.ConfusedPairs);
        Assert.Equal(frame, storedFrame);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // The export: one label per box, the swapped boxes under the replacement's class, at the boxes' places.
        var lines = labels.Labels[$"{scanId:N}-0"];
        var expectedClasses = record.Boxes.Select(b => Array.IndexOf(s_modelLabels, b.FinalLabel)).Order();
        Assert.Equal(expectedClasses, lines.Select(l => int.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(swappedBoxes, lines.Count(l => l.StartsWith($"{Array.IndexOf(s_modelLabels, replacement.DetectionLabel)} ", StringComparison.Ordinal)));
        var (width, height) = (record.Frames[0].Width, record.Frames[0].Height);
        var box = record.Boxes[0].Box;
        var centre = ((box.X + box.Width / 2) / width, (box.Y + box.Height / 2) / height);
        Assert.Contains(lines.Select(l => l.Split(' ').Skip(1).Take(2).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
            xy => Math.Abs(xy[0] - centre.Item1) < 1e-3 && Math.Abs(xy[1] - centre.Item2) < 1e-3);
        Assert.DoesNotContain(labels.NeedsAnnotation, row => row.Contains($"{scanId:N}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_product_added_by_hand_after_a_scan_is_a_product_without_a_box_listed_for_annotation_not_guessed()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var missed = await ProductNotOnTheTrayAsync(stack, scan);

        await client.AddLineAsync(cart.Id, new { productId = missed.Id, quantity = 1 });
        var scanId = await LastScanIdAsync(stack, cart.Id);
        var recordFile = Path.Combine(stack.CorrectionsFolder, $"{scanId:N}", CorrectionRecorder.CorrectionFile);
        var record = JsonSerializer.Deserialize<CorrectionRecord>(await File.ReadAllBytesAsync(recordFile), JsonSerializerOptions.Web)!;
        var labels = await ExportAsync(stack.CorrectionsFolder);

        Assert.Equal([new ProductWithoutBox(0, missed.Id, missed.DetectionLabel, 1)], record.ProductsWithoutBox);
        Assert.All(record.Boxes, b => Assert.Equal(BoxVerdicts.Confirmed, b.Verdict));
        Assert.False(labels.Labels.ContainsKey($"{scanId:N}-0"));
        Assert.Contains(labels.NeedsAnnotation, row => row.Contains($"{scanId}", StringComparison.Ordinal) && row.Contains($"1 x {missed.DetectionLabel} without a box", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scan_and_a_new_checklist_item_are_published_for_Search()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var created = await client.PostAsync("/api/checklists", null);
        var code = (await created.Content.ReadFromJsonAsync<ChecklistCreated>())!.Code;
        (await client.PutAsJsonAsync($"/api/checklists/{code}/items/{scan.Cart.Lines[0].ProductId}", new { quantity = 2 })).EnsureSuccessStatusCode();

        var messaging = stack.Cart.Services.GetRequiredService<IConfiguration>().GetConnectionString("messaging")!;
        var scanned = await FindMessageAsync(messaging, "icecheckout.search.carts.cart.scanned", json => json.GetProperty("cartId").GetGuid() == cart.Id);
        var added = await FindMessageAsync(messaging, "icecheckout.search.checklists.item.added", json => json.GetProperty("checklistCode").GetString() == code);

        var products = scanned.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("productId").GetInt32(), p => p.GetProperty("quantity").GetInt32());
        Assert.Equal(scan.Cart.Lines.ToDictionary(l => l.ProductId, l => l.Quantity), products);
        Assert.Equal((scan.Cart.Lines[0].ProductId, 2), (added.GetProperty("productId").GetInt32(), added.GetProperty("quantity").GetInt32()));
    }

    private static async Task<JsonElement> FindMessageAsync(string messaging, string queue, Func<JsonElement, bool> match)
    {
        var factory = new ConnectionFactory { Uri = new Uri(messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                var json = JsonDocument.Parse(message.Body).RootElement.Clone();
                if (match(json))
                {
                    return json;
                }

                continue;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No matching message in {queue}.");
    }

    private static async Task<Guid> LastScanIdAsync(CartStack stack, Guid cartId)
    {
        var cart = await stack.Cart.Services.GetRequiredService<Infrastructure.Redis.CartStore>().GetAsync(cartId);
        return cart!.LastScanId!.Value;
    }

    private static async Task<CatalogItem> ProductNotOnTheTrayAsync(CartStack stack, ScanResponse scan)
    {
        var page = (await stack.Catalog.CreateClient().GetFromJsonAsync<CatalogPage>("/api/catalog/products?pageSize=100"))!;
        return page.Data.First(p => p.DetectionLabel is not null && scan.Cart.Lines.All(l => l.ProductId != p.Id));
    }

    /// <summary>Runs tools/corrections/export.py over the store with the Debian Python; label files by name, and the rows of needs-annotation.csv.</summary>
    private static async Task<(Dictionary<string, string[]> Labels, string[] NeedsAnnotation)> ExportAsync(string store)
    {
        var output = Path.Combine(Path.GetTempPath(), $"icecheckout-export-{Guid.NewGuid():N}");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryRoot.Path, "tools", "corrections", "export.py"), "--store", store, "--out", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"export.py exited with {process.ExitCode}: {await stdout} {await stderr}");
            var labels = Directory.GetFiles(Path.Combine(output, "labels", "train"), "*.txt")
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, f => File.ReadAllLines(f).Where(l => l.Length > 0).ToArray());
            return (labels, await File.ReadAllLinesAsync(Path.Combine(output, "needs-annotation.csv")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private sealed record CatalogPage(IReadOnlyList<CatalogItem> Data);

    private sealed record CatalogItem(int Id, string? DetectionLabel);
}
