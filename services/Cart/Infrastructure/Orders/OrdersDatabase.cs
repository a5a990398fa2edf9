using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Cart.Infrastructure.Orders;

public static class OrdersDatabase
{
    /// <summary>MySQL 8.0 syntax, which MariaDB 10.11 accepts too: one fixed dialect, no connection needed to pick it.</summary>
    public static readonly ServerVersion ServerVersion = new MySqlServerVersion(new Version(8, 0, 36));
}
