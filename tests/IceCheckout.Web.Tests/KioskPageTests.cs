using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class KioskPageTests(StoreFixture store, ITestOutputHelper output)
{
    private const int KioskScriptBudget = 250 * 1024;

    [Theory]
    [InlineData("kiosk-portrait", 1080, 1920)]
    [InlineData("kiosk-landscape", 1280, 800)]
    [InlineData("kiosk-phone", 390, 844)]
    public async Task The_kiosk_welcomes_the_shopper_full_screen(string name, int width, int height)
    {
        var page = await store.NewPageAsync(width, height, touch: true);

        await page.GotoAsync("/kiosk");

        var welcome = page.GetByRole(AriaRole.Heading, new() { Name = "아이스크림을 쟁반 위에 올려 주세요" });
        await Assertions.Expect(welcome).ToBeVisibleAsync();
        await Assertions.Expect(welcome).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator(".topbar")).ToHaveCountAsync(0);
        await StoreFixture.ScreenshotAsync(page, $"{name}-welcome");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_kiosk_loads_less_than_250_KB_of_JavaScript_gzipped()
    {
        var page = await store.NewPageAsync(1080, 1920, touch: true);
        var scripts = new ConcurrentDictionary<string, byte>();
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                scripts[path] = 0;
            }
        };

        await page.GotoAsync("/kiosk");
        await page.GetByText("시작하기").ClickAsync();
        await Assertions.Expect(page.GetByText("카메라를 쓸 수 없어요. 쟁반 사진을 올려 주세요.")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var sizes = scripts.Keys.Order(StringComparer.Ordinal).ToDictionary(path => path, path => GzippedSize(Path.Combine(WebBuild.DistFolder, path.TrimStart('/'))));
        var total = sizes.Values.Sum();
        output.WriteLine($"The kiosk's JavaScript: {total:N0} bytes gzipped ({string.Join(", ", sizes.Select(entry => $"{entry.Key} {entry.Value:N0}"))})");
        Assert.Contains(sizes.Keys, path => path.Contains("/KioskPage-", StringComparison.Ordinal));
        Assert.True(total < KioskScriptBudget, $"The kiosk loads {total:N0} bytes of JavaScript gzipped, over {KioskScriptBudget:N0}.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_shopper_shows_the_camera_a_tray_sees_exactly_its_products_pays_and_gets_a_receipt()
    {
        var tray = Tray.Purchase;
        var expected = await ExpectedCartAsync(tray);
        var folder = Directory.CreateTempSubdirectory("icecheckout-web-camera-");
        try
        {
            var video = await CameraVideoAsync(tray, folder.FullName);
            await using var camera = await store.LaunchWithCameraAsync(video);
            var kiosk = await KioskScreen.StartAsync(store, browser: camera);

            // No upload: the kiosk sees the still tray through the camera and scans it by itself.
            await kiosk.ExpectCartAsync(expected);
            await Assertions.Expect(kiosk.Boxes).ToHaveCountAsync(tray.Boxes.Count);
            await Assertions.Expect(kiosk.Page.GetByRole(AriaRole.Group, new() { Name = "이 상품이 맞나요?" })).ToHaveCountAsync(0);
            await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-portrait-camera-scanned");

            var total = expected.Sum(entry => entry.Key.Price * entry.Value);
            var orderId = await kiosk.PayWithApprovedCardAsync(total);

            var receipt = kiosk.Page.GetByTestId("receipt");
            await Assertions.Expect(receipt.Locator("tfoot")).ToContainTextAsync(CataloguePageTests.Won(total));
            var rows = receipt.Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
            foreach (var (product, quantity) in expected)
            {
                var row = rows.Filter(new() { Has = kiosk.Page.GetByRole(AriaRole.Cell, new() { Name = product.NameKo, Exact = true }) });
                await Assertions.Expect(row).ToContainTextAsync($"× {quantity}");
                await Assertions.Expect(row).ToContainTextAsync(CataloguePageTests.Won(product.Price * quantity));
            }

            var qr = kiosk.Page.Locator(".receipt-card__qr img");
            var receiptUrl = new Uri(store.Gateway.BaseAddress, $"/orders/{orderId}").ToString();
            await Assertions.Expect(qr).ToHaveAttributeAsync("data-qr", receiptUrl);
            Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the receipt's QR code is not drawn");
            await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-portrait-receipt");

            var order = await store.CartApi.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
            Assert.Equal("Paid", order.GetProperty("state").GetString());
            Assert.Equal(total, order.GetProperty("total").GetInt32());
            Assert.Equal(kiosk.CartId, order.GetProperty("cartId").GetString());

            // The QR code's address is the receipt, readable on a phone.
            await kiosk.Page.GotoAsync(receiptUrl);
            await Assertions.Expect(kiosk.Page.GetByTestId("order-number")).ToHaveTextAsync(orderId);
            await kiosk.Page.Context.CloseAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_doubtful_line_is_asked_about_and_settled_by_picking_the_product_really_on_the_tray()
    {
        var products = await store.ProductsByLabelAsync();
        var (seen, real) = (products["world_cone"], products["gugu_cone"]);
        var expected = await ExpectedCartAsync(Tray.Doubtful);
        Assert.True(expected.ContainsKey(real) && !expected.ContainsKey(seen), "the tray's labels hold a Gugu Cone and no World Cone");
        var kiosk = await KioskScreen.StartAsync(store, 1280, 800);

        await kiosk.UploadAsync(Tray.Doubtful);

        var doubtful = kiosk.LineOf(seen.NameKo);
        var question = doubtful.GetByRole(AriaRole.Group, new() { Name = "이 상품이 맞나요?" });
        await Assertions.Expect(question).ToBeVisibleAsync();
        await Assertions.Expect(kiosk.Lines).ToHaveCountAsync(expected.Count);
        await Assertions.Expect(kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "결제하기" })).ToBeDisabledAsync();
        await Assertions.Expect(kiosk.Page.Locator("[data-testid=detection-box].overlay__box--check")).ToHaveCountAsync(1);
        await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-landscape-needs-check");

        await question.GetByRole(AriaRole.Button, new() { Name = "다른 상품이에요" }).ClickAsync();
        var picker = kiosk.Page.GetByRole(AriaRole.Listbox, new() { Name = "어떤 상품인가요?" });
        await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-landscape-picker");
        await picker.GetByRole(AriaRole.Option, new() { Name = real.NameKo, Exact = true }).ClickAsync();

        await kiosk.ExpectCartAsync(expected);
        await Assertions.Expect(kiosk.Page.GetByRole(AriaRole.Group, new() { Name = "이 상품이 맞나요?" })).ToHaveCountAsync(0);
        await Assertions.Expect(kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "결제하기" })).ToBeEnabledAsync();
        await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-landscape-settled");

        // Settled as a swap, kept with the scan for training.
        var cart = await store.CartApi.GetFromJsonAsync<JsonElement>($"/api/carts/{kiosk.CartId}");
        var correction = Assert.Single(cart.GetProperty("corrections").EnumerateArray());
        Assert.Equal("swap", correction.GetProperty("action").GetString());
        Assert.True(cart.GetProperty("lines").EnumerateArray().All(line => !line.GetProperty("needsCheck").GetBoolean()));
        await kiosk.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task While_detection_is_down_the_kiosk_says_so_and_scans_again_by_itself_once_it_is_back()
    {
        var expected = await ExpectedCartAsync(Tray.Cones);
        var kiosk = await KioskScreen.StartAsync(store, 1280, 800);

        await store.Detection.StopAsync();
        try
        {
            await kiosk.UploadAsync(Tray.Cones);
            await Assertions.Expect(kiosk.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("인식 기능을 잠시 쓸 수 없어요");
            await Assertions.Expect(kiosk.Lines).ToHaveCountAsync(0);
            await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-landscape-detection-unavailable");
        }
        finally
        {
            await StoreFixture.StartAgainAsync(store.Detection);
        }

        // Nobody taps anything: the kiosk sends the same frames again when the countdown ends.
        await Assertions.Expect(kiosk.Lines).ToHaveCountAsync(expected.Count, new() { Timeout = 60_000 });
        await kiosk.ExpectCartAsync(expected);
        await kiosk.Page.Context.CloseAsync();
    }

    private async Task<IReadOnlyDictionary<CatalogProduct, int>> ExpectedCartAsync(Tray tray)
    {
        var products = await store.ProductsByLabelAsync();
        return tray.Contents.ToDictionary(entry => products[entry.Key], entry => entry.Value);
    }

    private static long GzippedSize(string file)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var source = File.OpenRead(file))
        {
            source.CopyTo(gzip);
        }

        return compressed.Length;
    }

    /// <summary>The tray photo as a camera's video (Y4M), made with ffmpeg in <paramref name="folder"/>.</summary>
    private static async Task<string> CameraVideoAsync(Tray tray, string folder)
    {
        var video = Path.Combine(folder, $"{tray.Name}.y4m");
        var startInfo = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-nostdin", "-loglevel", "error", "-y", "-loop", "1", "-i", tray.ImagePath, "-frames:v", "10", "-r", "10", "-pix_fmt", "yuv420p", video },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var ffmpeg = Process.Start(startInfo) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0 && File.Exists(video), $"ffmpeg did not make the camera's video: {errors}");
        return video;
    }
}
