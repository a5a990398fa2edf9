using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.IntegrationEvents.EventHandling;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Catalog.Model;
using IceCheckout.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class StockReservationTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(StockReservationTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Fifty_parallel_purchases_of_the_last_ten_units_sell_exactly_ten()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 10));
        var orders = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();

        var responses = await Task.WhenAll(orders.Select(orderId =>
            _app.CreateServiceClient().PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(orderId, [new(product.Id, 1)]))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);

        var paid = orders.Zip(responses).Where(pair => pair.Second.StatusCode == HttpStatusCode.Created).Select(pair => pair.First);
        foreach (var orderId in paid)
        {
            await HandleAsync(Paid(orderId, product, 1));
        }

        Assert.Equal(0, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    [Fact]
    public async Task A_reservation_is_all_or_nothing_and_idempotent_by_order()
    {
        var staff = _app.CreateStaffClient();
        var plenty = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 10));
        var scarce = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 1));
        var service = _app.CreateServiceClient();

        var tooMuch = await service.PostAsJsonAsync("/api/catalog/stock/reservations",
            new ReserveStockRequest(Guid.NewGuid(), [new(plenty.Id, 3), new(scarce.Id, 2)]));
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal(10, (await CatalogApp.GetProductAsync(staff, plenty.Sku)).Stock);

        var orderId = Guid.NewGuid();
        var request = new ReserveStockRequest(orderId, [new(plenty.Id, 3), new(scarce.Id, 1)]);
        var first = await service.PostAsJsonAsync("/api/catalog/stock/reservations", request);
        var repeated = await service.PostAsJsonAsync("/api/catalog/stock/reservations", request);
        var changed = await service.PostAsJsonAsync("/api/catalog/stock/reservations", request with { Lines = [new(plenty.Id, 4)] });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(7, (await CatalogApp.GetProductAsync(staff, plenty.Sku)).Stock);
        Assert.Equal(0, (await CatalogApp.GetProductAsync(staff, scarce.Sku)).Stock);

        var released = await service.DeleteAsync($"/api/catalog/stock/reservations/{orderId}");
        var releasedAgain = await service.DeleteAsync($"/api/catalog/stock/reservations/{orderId}");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("Released", (await releasedAgain.Content.ReadFromJsonAsync<StockReservationItem>())!.Status);
        Assert.Equal(10, (await CatalogApp.GetProductAsync(staff, plenty.Sku)).Stock);
        Assert.Equal(1, (await CatalogApp.GetProductAsync(staff, scarce.Sku)).Stock);
    }

    [Fact]
    public async Task Reservations_for_unknown_products_or_with_bad_lines_are_refused()
    {
        var service = _app.CreateServiceClient();

        var unknown = await service.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(Guid.NewGuid(), [new(999999, 1)]));
        var negative = await service.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(Guid.NewGuid(), [new(1, -2)]));
        var empty = await service.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(Guid.NewGuid(), []));
        var missing = await service.DeleteAsync($"/api/catalog/stock/reservations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("lines[0].quantity", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_paid_event_commits_the_reservation_and_a_redelivery_changes_nothing()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 5));
        var orderId = Guid.NewGuid();
        await _app.CreateServiceClient().PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(orderId, [new(product.Id, 2)]));
        var paid = Paid(orderId, product, 2);

        await HandleAsync(paid);
        await HandleAsync(paid);

        Assert.Equal(3, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
        var reservation = await _app.CreateServiceClient().GetFromJsonAsync<StockReservationItem>($"/api/catalog/stock/reservations/{orderId}");
        Assert.Equal("Committed", reservation!.Status);
        var release = await _app.CreateServiceClient().DeleteAsync($"/api/catalog/stock/reservations/{orderId}");
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
    }

    [Fact]
    public async Task A_paid_event_without_reservation_decrements_once_and_never_below_zero()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 3));

        var paid = Paid(Guid.NewGuid(), product, 2);
        await HandleAsync(paid);
        await HandleAsync(paid);
        Assert.Equal(1, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);

        await HandleAsync(Paid(Guid.NewGuid(), product, 5));
        Assert.Equal(0, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_paid_event_decrement_once()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 20));
        var paid = Paid(Guid.NewGuid(), product, 4);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => HandleAsync(paid)));

        Assert.Equal(16, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    [Fact]
    public async Task The_same_order_paid_again_under_a_new_event_id_decrements_once()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 10));
        var orderId = Guid.NewGuid();

        // A body without an id gets a fresh one at every redelivery; a republished order gets a new one too.
        await HandleAsync(Paid(orderId, product, 3));
        await HandleAsync(Paid(orderId, product, 3));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => HandleAsync(Paid(orderId, product, 3))));

        Assert.Equal(7, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    public async Task A_paid_event_with_a_nonsense_quantity_is_refused_and_changes_nothing(int quantity)
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 4));

        await Assert.ThrowsAnyAsync<MessagingException>(() => HandleAsync(Paid(Guid.NewGuid(), product, quantity)));

        Assert.Equal(4, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
        var movements = await staff.GetFromJsonAsync<List<StockMovementItem>>($"/api/catalog/admin/products/{product.Id}/stock-movements");
        Assert.DoesNotContain(movements!, m => m.Reason.Contains("order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payment_whose_reservation_expired_while_stock_ran_short_is_recorded_as_oversold()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 1));
        var orderId = Guid.NewGuid();

        await HandleAsync(Paid(orderId, product, 3));

        Assert.Equal(0, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
        var movements = await staff.GetFromJsonAsync<List<StockMovementItem>>($"/api/catalog/admin/products/{product.Id}/stock-movements");
        var sale = Assert.Single(movements!, m => m.Reason.Contains(orderId.ToString(), StringComparison.Ordinal));
        Assert.Equal(-1, sale.Delta);
        Assert.Contains("oversold by 2", sale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reservations_racing_unreserved_paid_events_on_one_product_all_succeed()
    {
        var staff = _app.CreateStaffClient();
        var service = _app.CreateServiceClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 200));

        var reservations = Enumerable.Range(0, 30).Select(async _ =>
        {
            var response = await service.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(Guid.NewGuid(), [new(product.Id, 1)]));
            return response.StatusCode;
        }).ToList();
        var payments = Enumerable.Range(0, 30).Select(_ => HandleAsync(Paid(Guid.NewGuid(), product, 1))).ToList();
        await Task.WhenAll(payments);

        Assert.All(await Task.WhenAll(reservations), status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.Equal(140, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    private static OrderPaidIntegrationEvent Paid(Guid orderId, ProductItem product, int quantity) =>
        new(orderId, [new OrderPaidLine(product.Id, product.Sku, quantity)], product.Price * quantity);

    private async Task HandleAsync(OrderPaidIntegrationEvent paid)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<IIntegrationEventHandler<OrderPaidIntegrationEvent>>();
        Assert.IsType<OrderPaidIntegrationEventHandler>(handler);
        await handler.HandleAsync(paid, CancellationToken.None);
    }
}
