using System.Net.Http.Headers;
using System.Text;

namespace IceCheckout.Services.Tests.Hostile;

/// <summary>The table: every kind of bad request the public routes get through the gateway, one named case each.</summary>
public static class HostileCases
{
    private const string Unknown = "2147483647";
    private const string CatalogQueue = "icecheckout.catalog.orders.order.paid";

    public static readonly IReadOnlyList<HostileCase> All =
    [
        // Catalog, public.
        Case("catalog page index negative", _ => Get("/api/catalog/products?pageIndex=-1")),
        Case("catalog page index past int", _ => Get("/api/catalog/products?pageIndex=2147483648")),
        Case("catalog page index times size past int", _ => Get("/api/catalog/products?pageIndex=2000000000&pageSize=100")),
        Case("catalog page index as exponent", _ => Get("/api/catalog/products?pageIndex=1e9")),
        Case("catalog page size zero", _ => Get("/api/catalog/products?pageSize=0")),
        Case("catalog page size huge", _ => Get("/api/catalog/products?pageSize=100000000")),
        Case("catalog page index not a number", _ => Get("/api/catalog/products?pageIndex=abc")),
        Case("catalog unknown category", _ => Get("/api/catalog/products?category=no-such-thing")),
        Case("catalog category with control characters", _ => Get("/api/catalog/products?category=%00%1F%7F")),
        Case("catalog category of 5000 characters", _ => Get($"/api/catalog/products?category={new string('c', 5000)}")),
        Case("catalog unknown sort", _ => Get("/api/catalog/products?sort=price%3BDROP%20TABLE%20Products")),
        Case("catalog unknown product", _ => Get($"/api/catalog/products/{Unknown}")),
        Case("catalog product id past int", _ => Get("/api/catalog/products/99999999999")),
        Case("catalog product id negative", _ => Get("/api/catalog/products/-5")),
        Case("catalog unknown sku", _ => Get("/api/catalog/products/by-sku/NO-SUCH-SKU")),
        Case("catalog sku with control characters", _ => Get("/api/catalog/products/by-sku/%01%0A%1B")),
        Case("catalog labels missing", _ => Get("/api/catalog/products/by-labels")),
        Case("catalog labels outside the alphabet", _ => Get("/api/catalog/products/by-labels?labels=Robert%27)%3B--")),
        Case("catalog 101 labels", _ => Get("/api/catalog/products/by-labels?" + string.Join('&', Enumerable.Range(0, 101).Select(i => $"labels=l{i}")))),
        Case("catalog image of unknown product", _ => Get($"/api/catalog/products/{Unknown}/image")),
        Case("catalog image with a garbage If-None-Match", w => Get($"/api/catalog/products/{w.ProductId}/image", ("If-None-Match", new string('x', 4000)))),
        Case("catalog path traversal", _ => Get("/api/catalog/products/..%2F..%2F..%2Fetc%2Fpasswd")),

        // Catalog, staff.
        Case("admin create malformed json", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json("{"))),
        Case("admin create truncated json", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json("{\"sku\":\"HOSTILE-1\",\"nameKo\":\"가"))),
        Case("admin create as text/plain", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Text(NewProduct(price: "1000"), "text/plain"))),
        Case("admin create as xml", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Text("<product><sku>X</sku></product>", "application/xml"))),
        Case("admin create negative price", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(price: "-1")))),
        Case("admin create price of 1e30", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(price: "1e30")))),
        Case("admin create negative stock", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(stock: "-5")))),
        Case("admin create empty object", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json("{}"))),
        Case("admin create name of control characters", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(nameKo: "\\u0000\\u0007\\u001b")))),
        Case("admin create taken sku", w => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(sku: w.Sku)))),
        Case("admin create unknown category", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Json(NewProduct(category: "no-such-category")))),
        Case("admin create gzip-encoded body", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products",
            Gzipped(Encoding.UTF8.GetBytes(NewProduct(price: "-1")), "application/json"))),
        Case("admin create gzip flood", _ => Staff(HttpMethod.Post, "/api/catalog/admin/products", Gzipped(Payloads.GzipFlood, "application/json"))),
        Case("admin update stale version", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}",
            Json(NewProduct(sku: w.Sku, price: "1").TrimEnd('}') + ",\"isActive\":true,\"version\":-1}"))),
        Case("admin update unknown product", _ => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{Unknown}",
            Json(NewProduct(price: "1").TrimEnd('}') + ",\"isActive\":true,\"version\":1}"))),
        Case("admin price negative", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/price", Json("{\"price\":-1}"))),
        Case("admin price as text", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/price", Json("{\"price\":\"free\"}"))),
        Case("admin price past long", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/price", Json("{\"price\":99999999999999999999999}"))),
        Case("admin stock below zero", w => Staff(HttpMethod.Post, $"/api/catalog/admin/products/{w.ProductId}/stock-adjustments", Json("{\"delta\":-1000000,\"reason\":\"x\"}"))),
        Case("admin stock delta int min", w => Staff(HttpMethod.Post, $"/api/catalog/admin/products/{w.ProductId}/stock-adjustments", Json("{\"delta\":-2147483648,\"reason\":\"x\"}"))),
        Case("admin stock delta int max", w => Staff(HttpMethod.Post, $"/api/catalog/admin/products/{w.ProductId}/stock-adjustments", Json("{\"delta\":2147483647,\"reason\":\"overflow\"}"))),
        Case("admin stock without reason", w => Staff(HttpMethod.Post, $"/api/catalog/admin/products/{w.ProductId}/stock-adjustments", Json("{\"delta\":1}"))),
        Case("admin image png bomb", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/image", Bytes(Payloads.PngBomb, "image/png"))),
        Case("admin image truncated png", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/image", Bytes(Payloads.SmallPng[..40], "image/png"))),
        Case("admin image png sent as jpeg", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/image", Bytes(Payloads.SmallPng, "image/jpeg"))),
        Case("admin image gif", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/image", Bytes("GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "image/gif"))),
        Case("admin image of 6 MiB", w => Staff(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/image", Bytes(new byte[6 * 1024 * 1024], "image/png"))),
        Case("admin delete unknown product", _ => Staff(HttpMethod.Delete, $"/api/catalog/admin/products/{Unknown}")),
        Case("admin dead letters of an unknown queue", _ => Staff(HttpMethod.Get, "/api/catalog/admin/dead-letters/no.such.queue")),
        Case("admin dead letters max zero", _ => Staff(HttpMethod.Get, $"/api/catalog/admin/dead-letters/{CatalogQueue}?max=0")),
        Case("admin dead letters replay max past int", _ => Staff(HttpMethod.Post, $"/api/catalog/admin/dead-letters/{CatalogQueue}/replay?max=99999999999")),
        Case("admin dead letters drop max negative", _ => Staff(HttpMethod.Delete, $"/api/catalog/admin/dead-letters/{CatalogQueue}?max=-1")),
        Case("admin route without a session", w => Get($"/api/catalog/admin/products/{w.ProductId}/stock-movements")),
        Case("admin change without antiforgery", w => [new(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/price", Json("{\"price\":1}"), AsStaff: true, WithoutAntiforgery: true)]),
        Case("admin route with a forged key", w => [new(HttpMethod.Put, $"/api/catalog/admin/products/{w.ProductId}/price", Json("{\"price\":1}"),
            Headers: [new("X-Api-Key", StackFixture.StaffKey)])]),
        Case("stock reservation anonymous", w => [new(HttpMethod.Post, "/api/catalog/stock/reservations",
            Json($"{{\"orderId\":\"{Guid.NewGuid()}\",\"lines\":[{{\"productId\":{w.ProductId},\"quantity\":1}}]}}"))]),
        Case("stock reservation release anonymous", _ => [new(HttpMethod.Delete, $"/api/catalog/stock/reservations/{Guid.NewGuid()}")]),

        // Carts.
        Case("cart unknown", _ => Get($"/api/carts/{Guid.NewGuid()}")),
        Case("cart id not a guid", _ => Get("/api/carts/12345")),
        Case("cart line malformed json", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json("{\"sku\":"))),
        Case("cart line quantity negative", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":-1}}"))),
        Case("cart line quantity zero", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":0}}"))),
        Case("cart line quantity past int", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":2147483648}}"))),
        Case("cart line quantity fractional", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":1.5}}"))),
        Case("cart line quantity above the maximum", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":100}}"))),
        Case("cart line both sku and product id", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"productId\":{w.ProductId},\"quantity\":1}}"))),
        Case("cart line unknown sku", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json("{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}"))),
        Case("cart line unknown product id", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"productId\":{Unknown},\"quantity\":1}}"))),
        Case("cart line sku with control characters", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json("{\"sku\":\"\\u0000\\u001b[2J\",\"quantity\":1}"))),
        Case("cart line body of 2 MiB", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Json($"{{\"sku\":\"{new string('S', 2 * 1024 * 1024)}\",\"quantity\":1}}"))),
        Case("cart line as text/plain", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Text($"{{\"sku\":\"{w.Sku}\",\"quantity\":1}}", "text/plain"))),
        Case("cart line gzip flood", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines", Gzipped(Payloads.GzipFlood, "application/json"))),
        Case("cart line of an unknown cart", w => Anonymous(HttpMethod.Post, $"/api/carts/{Guid.NewGuid()}/lines", Json($"{{\"sku\":\"{w.Sku}\",\"quantity\":1}}"))),
        Case("cart set quantity above the maximum", w => Anonymous(HttpMethod.Put, $"/api/carts/{w.CartId}/lines/{w.ProductId}", Json("{\"quantity\":100}"))),
        Case("cart set quantity negative", w => Anonymous(HttpMethod.Put, $"/api/carts/{w.CartId}/lines/{w.ProductId}", Json("{\"quantity\":-1}"))),
        Case("cart set quantity of an unknown line", w => Anonymous(HttpMethod.Put, $"/api/carts/{w.CartId}/lines/{Unknown}", Json("{\"quantity\":1}"))),
        Case("cart line id past int", w => Anonymous(HttpMethod.Put, $"/api/carts/{w.CartId}/lines/99999999999", Json("{\"quantity\":1}"))),
        Case("cart remove an unknown line", w => Anonymous(HttpMethod.Delete, $"/api/carts/{w.CartId}/lines/{Unknown}")),
        Case("cart resolve unknown action", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines/{w.ProductId}/resolve", Json("{\"action\":\"explode\"}"))),
        Case("cart resolve swap to an unknown product", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/lines/{w.ProductId}/resolve", Json($"{{\"action\":\"swap\",\"productId\":{Unknown}}}"))),
        Case("cart checklist bad code", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checklist", Json("{\"code\":\"0O1I0O1I\"}"))),
        Case("cart checklist code of control characters", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checklist", Json("{\"code\":\"\\u0000\\u0001\"}"))),
        Case("cart checklist unknown code", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checklist", Json("{\"code\":\"ZZZZZZZZ\"}"))),

        // Checkout.
        Case("checkout without idempotency key", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout", Json("{\"paymentToken\":\"tok_visa\"}"))),
        Case("checkout idempotency key of 5000 characters", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout", Json("{\"paymentToken\":\"tok_visa\"}"),
            ("Idempotency-Key", new string('k', 5000)))),
        Case("checkout without payment token", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout", Json("{}"), ("Idempotency-Key", Guid.NewGuid().ToString()))),
        Case("checkout payment token of 101 characters", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout",
            Json($"{{\"paymentToken\":\"{new string('t', 101)}\"}}"), ("Idempotency-Key", Guid.NewGuid().ToString()))),
        Case("checkout malformed json", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout", Json("{\"paymentToken\""), ("Idempotency-Key", Guid.NewGuid().ToString()))),
        Case("checkout as text/plain", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/checkout", Text("{\"paymentToken\":\"tok_visa\"}", "text/plain"),
            ("Idempotency-Key", Guid.NewGuid().ToString()))),
        Case("checkout of an unknown cart", _ => Anonymous(HttpMethod.Post, $"/api/carts/{Guid.NewGuid()}/checkout", Json("{\"paymentToken\":\"tok_visa\"}"),
            ("Idempotency-Key", Guid.NewGuid().ToString()))),
        Case("checkout of an unknown cart ten at once", _ =>
        {
            var cart = Guid.NewGuid();
            var key = Guid.NewGuid().ToString();
            return [.. Enumerable.Range(0, 10).Select(_ => new HostileRequest(HttpMethod.Post, $"/api/carts/{cart}/checkout", Json("{\"paymentToken\":\"tok_visa\"}"),
                Headers: [new("Idempotency-Key", key)]))];
        }, concurrent: true),
        Case("checkout of a paid order's key with another cart", w => Anonymous(HttpMethod.Post, $"/api/carts/{Guid.NewGuid()}/checkout",
            Json("{\"paymentToken\":\"tok_visa\"}"), ("Idempotency-Key", w.PaidOrderId.ToString()))),

        // Scans.
        Case("scan as json", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan", Json("{\"frames\":[]}"))),
        Case("scan form without frames", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [("Content-Disposition: form-data; name=\"note\"", "hello"u8.ToArray())]))),
        Case("scan six frames", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", Enumerable.Range(0, 6).Select(_ => Payloads.FilePart("frames", "image/png", Payloads.SmallPng))))),
        Case("scan boundary of 5000 characters", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form(new string('b', 5000), [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)]))),
        Case("scan form cut before its closing boundary", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)], closed: false))),
        Case("scan form cut inside a frame", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            () => Raw(Payloads.Multipart("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)])[..120], "multipart/form-data; boundary=b0undary"))),
        Case("scan multipart without boundary", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            () => Raw(Payloads.Multipart("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)]), "multipart/form-data"))),
        Case("scan frame png bomb", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.OversizedPngBomb)]))),
        Case("scan frame not an image", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", "hello, kiosk"u8.ToArray())]))),
        Case("scan frame gif", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray())]))),
        Case("scan frame truncated png", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng[..60])]))),
        Case("scan gzip-encoded form", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            () => Encoded(Payloads.Gzip(Payloads.Multipart("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)])), "multipart/form-data; boundary=b0undary"))),
        Case("scan body of 27 MiB", w => Anonymous(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", new byte[27 * 1024 * 1024])]))),
        Case("scan of an unknown cart", _ => Anonymous(HttpMethod.Post, $"/api/carts/{Guid.NewGuid()}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.SmallPng)]))),
        Case("scan png bombs eight at once", w => [.. Enumerable.Range(0, 8).Select(_ => new HostileRequest(HttpMethod.Post, $"/api/carts/{w.CartId}/scan",
            Form("b0undary", [Payloads.FilePart("frames", "image/png", Payloads.OversizedPngBomb)])))], concurrent: true),

        // Checklists.
        Case("checklist unknown code", _ => Get("/api/checklists/ZZZZZZZZ")),
        Case("checklist code of 500 characters", _ => Get($"/api/checklists/{new string('A', 500)}")),
        Case("checklist code with control characters", _ => Get("/api/checklists/%01%02%1B")),
        Case("checklist item quantity zero", w => Anonymous(HttpMethod.Put, $"/api/checklists/{w.ChecklistCode}/items/{w.ProductId}", Json("{\"quantity\":0}"))),
        Case("checklist item quantity past int", w => Anonymous(HttpMethod.Put, $"/api/checklists/{w.ChecklistCode}/items/{w.ProductId}", Json("{\"quantity\":9999999999}"))),
        Case("checklist item of an unknown product", w => Anonymous(HttpMethod.Put, $"/api/checklists/{w.ChecklistCode}/items/{Unknown}", Json("{\"quantity\":1}"))),
        Case("checklist item malformed json", w => Anonymous(HttpMethod.Put, $"/api/checklists/{w.ChecklistCode}/items/{w.ProductId}", Json("[[[["))),
        Case("checklist item of an unknown checklist", w => Anonymous(HttpMethod.Put, $"/api/checklists/ZZZZZZZZ/items/{w.ProductId}", Json("{\"quantity\":1}"))),

        // Orders.
        Case("order unknown", _ => Get($"/api/orders/{Guid.NewGuid()}")),
        Case("order id not a guid", _ => Get("/api/orders/not-a-guid")),
        Case("orders list anonymous", _ => Get("/api/orders")),
        Case("orders list unknown state", _ => Staff(HttpMethod.Get, "/api/orders?state=Exploded")),
        Case("orders list date not a date", _ => Staff(HttpMethod.Get, "/api/orders?from=yesterday")),
        Case("orders list from after to", _ => Staff(HttpMethod.Get, "/api/orders?from=2026-12-02&to=2026-01-01")),
        Case("orders list page negative", _ => Staff(HttpMethod.Get, "/api/orders?pageIndex=-1")),
        Case("orders list page size huge", _ => Staff(HttpMethod.Get, "/api/orders?pageSize=1000000")),
        Case("orders list page index times size past int", _ => Staff(HttpMethod.Get, "/api/orders?pageIndex=2000000000&pageSize=100")),
        Case("refund unknown order", _ => Staff(HttpMethod.Post, $"/api/orders/{Guid.NewGuid()}/refund", Json("{\"restock\":true}"))),
        Case("refund anonymous", w => Anonymous(HttpMethod.Post, $"/api/orders/{w.PaidOrderId}/refund", Json("{\"restock\":true}"))),
        Case("refund malformed json", w => Staff(HttpMethod.Post, $"/api/orders/{w.PaidOrderId}/refund", Json("{\"restock\":tru"))),
        Case("refund without antiforgery", w => [new(HttpMethod.Post, $"/api/orders/{w.PaidOrderId}/refund", Json("{\"restock\":true}"), AsStaff: true, WithoutAntiforgery: true)]),
        Case("refund of unknown orders five at once", _ => [.. Enumerable.Range(0, 5).Select(_ => Staff(HttpMethod.Post, $"/api/orders/{Guid.NewGuid()}/refund", Json("{}"))[0])], concurrent: true),

        // Search.
        Case("search query syntax", _ => Get("/api/search/products?q=*%3A*%20OR%20nameKo%3A*")),
        Case("search lone backslash", _ => Get("/api/search/products?q=%5C")),
        Case("search unbalanced quote", _ => Get("/api/search/products?q=%22melona")),
        Case("search fuzzy and boost operators", _ => Get("/api/search/products?q=melona~2%5E10")),
        Case("search query of 201 characters", _ => Get($"/api/search/products?q={new string('a', 201)}")),
        Case("search control characters", _ => Get("/api/search/products?q=%00%01%1B%7F")),
        Case("search inverted price range", _ => Get("/api/search/products?minPrice=1000&maxPrice=10")),
        Case("search negative price", _ => Get("/api/search/products?minPrice=-1")),
        Case("search page past int", _ => Get("/api/search/products?page=2147483648")),
        Case("search page times size past the cap", _ => Get("/api/search/products?page=1000&pageSize=100")),
        Case("search page size zero", _ => Get("/api/search/products?pageSize=0")),
        Case("search in stock not a boolean", _ => Get("/api/search/products?inStock=maybe")),
        Case("suggest size huge", _ => Get("/api/search/suggest?q=me&size=100000")),
        Case("suggest size negative", _ => Get("/api/search/suggest?q=me&size=-1")),
        Case("reindex anonymous", _ => Anonymous(HttpMethod.Post, "/api/search/reindex", Json("{}"))),

        // Detection.
        Case("detect empty body", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes([], "image/png"))),
        Case("detect not an image", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes("hello, camera"u8.ToArray(), "image/png"))),
        Case("detect png bomb", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes(Payloads.PngBomb, "image/png"))),
        Case("detect gif", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes("GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "image/gif"))),
        Case("detect as json", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Json("{\"image\":\"\"}"))),
        Case("detect truncated png", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes(Payloads.SmallPng[..60], "image/png"))),
        Case("detect boundary of 5000 characters", _ => Anonymous(HttpMethod.Post, "/api/detection/detect",
            Form(new string('d', 5000), [Payloads.FilePart("image", "image/png", Payloads.SmallPng)]))),
        Case("detect form cut before its closing boundary", _ => Anonymous(HttpMethod.Post, "/api/detection/detect",
            Form("b0undary", [Payloads.FilePart("image", "image/png", Payloads.SmallPng)], closed: false))),
        Case("detect form without image", _ => Anonymous(HttpMethod.Post, "/api/detection/detect",
            Form("b0undary", [Payloads.FilePart("picture", "image/png", Payloads.SmallPng)]))),
        Case("detect gzip-encoded png", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", () => Encoded(Payloads.Gzip(Payloads.SmallPng), "image/png"))),
        Case("detect gzip flood", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Gzipped(Payloads.GzipFlood, "image/png"))),
        Case("detect body of 11 MiB", _ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes(new byte[11 * 1024 * 1024], "image/png"))),
        Case("detect png bombs twelve at once", _ => [.. Enumerable.Range(0, 12).Select(_ => Anonymous(HttpMethod.Post, "/api/detection/detect", Bytes(Payloads.PngBomb, "image/png"))[0])], concurrent: true),
        Case("detect model reload anonymous", _ => Anonymous(HttpMethod.Post, "/api/detection/model/reload", Json("{}"))),
        Case("detect model reload with a forged key", _ => Anonymous(HttpMethod.Post, "/api/detection/model/reload", Json("{}"), ("X-Api-Key", StackFixture.StaffKey))),

        // Gateway: staff sign-in, headers, routes.
        Case("sign-in malformed json", _ => Staff(HttpMethod.Post, "/api/staff/sign-in", Json("{\"userName\":"))),
        Case("sign-in as text/plain", _ => Staff(HttpMethod.Post, "/api/staff/sign-in", Text("{\"userName\":\"manager\",\"password\":\"x\"}", "text/plain"))),
        Case("sign-in user name of 100 KB", _ => Staff(HttpMethod.Post, "/api/staff/sign-in", Json($"{{\"userName\":\"{new string('u', 100_000)}\",\"password\":\"x\"}}"))),
        Case("sign-in control characters", _ => Staff(HttpMethod.Post, "/api/staff/sign-in", Json("{\"userName\":\"\\u0000manager\",\"password\":\"\\u0007\"}"))),
        Case("sign-in without antiforgery", _ => [new(HttpMethod.Post, "/api/staff/sign-in", Json($"{{\"userName\":\"{StackFixture.StaffUser}\",\"password\":\"{StackFixture.StaffPassword}\"}}"))]),
        Case("sign-in wrong password five times", _ => [.. Enumerable.Range(0, 5).Select(_ =>
            Staff(HttpMethod.Post, "/api/staff/sign-in", Json($"{{\"userName\":\"{StackFixture.StaffUser}\",\"password\":\"guess\"}}"))[0])]),
        Case("sign-out without antiforgery", _ => Anonymous(HttpMethod.Post, "/api/staff/sign-out", Json("{}"))),
        Case("header of 20 KB", _ => Get("/api/catalog/products", ("X-Padding", new string('p', 20 * 1024)))),
        Case("headers over the server's limit", _ => Get("/api/catalog/products", ("X-Padding", new string('p', 40 * 1024)), ("X-Padding-2", new string('q', 40 * 1024)))),
        Case("200 headers", _ => [new(HttpMethod.Get, "/api/catalog/categories", Headers: [.. Enumerable.Range(0, 200).Select(i => new KeyValuePair<string, string>($"X-H{i}", "v"))])]),
        Case("unknown api route", _ => Get("/api/nothing/here")),
        Case("method not allowed", _ => Anonymous(HttpMethod.Patch, "/api/catalog/products", Json("{}"))),
        Case("a cart read fifty times at once", w => [.. Enumerable.Range(0, 50).Select(_ => Get($"/api/carts/{w.CartId}")[0])], concurrent: true),
    ];

    private static HostileCase Case(string name, Func<HostileWorld, IReadOnlyList<HostileRequest>> requests, bool concurrent = false) =>
        new(name, requests, concurrent);

    private static HostileRequest[] Get(string path, params (string Name, string Value)[] headers) =>
        [new(HttpMethod.Get, path, Headers: [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))])];

    private static HostileRequest[] Anonymous(HttpMethod method, string path, Func<HttpContent?>? content = null, params (string Name, string Value)[] headers) =>
        [new(method, path, content, Headers: [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))])];

    private static HostileRequest[] Staff(HttpMethod method, string path, Func<HttpContent?>? content = null) =>
        [new(method, path, content, AsStaff: true)];

    private static string NewProduct(string sku = "HOSTILE-1", string nameKo = "적대", string category = "bar", string price = "1000", string stock = "5") =>
        $"{{\"sku\":\"{sku}\",\"nameKo\":\"{nameKo}\",\"nameEn\":\"Hostile\",\"brand\":\"B\",\"category\":\"{category}\",\"price\":{price},\"stock\":{stock}}}";

    private static Func<HttpContent?> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static Func<HttpContent?> Text(string text, string mediaType) => () => new StringContent(text, Encoding.UTF8, mediaType);

    private static Func<HttpContent?> Bytes(byte[] body, string contentType) => () => Raw(body, contentType);

    private static Func<HttpContent?> Gzipped(byte[] compressed, string contentType) => () => Encoded(compressed, contentType);

    private static Func<HttpContent?> Form(string boundary, IEnumerable<(string Headers, byte[] Body)> parts, bool closed = true)
    {
        var body = Payloads.Multipart(boundary, parts, closed);
        return () => Raw(body, $"multipart/form-data; boundary={boundary}");
    }

    private static ByteArrayContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Encoded(byte[] compressed, string contentType)
    {
        var content = Raw(compressed, contentType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
