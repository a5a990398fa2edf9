using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IceCheckout.Cart.Infrastructure.Orders;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public class OrdersContextDesignFactory : IDesignTimeDbContextFactory<OrdersContext>
{
    public OrdersContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrdersContext>().UseMySql("Server=localhost;Database=ordersdb", OrdersDatabase.ServerVersion).Options);
}
