using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Infrastructure;

public static class CatalogDatabase
{
    /// <summary>
    /// The SQL dialect the context speaks. MySQL 8.0 syntax is also accepted by MariaDB 10.11, so one fixed version
    /// serves both and no connection is needed to pick it (the database may not be up when the service starts).
    /// </summary>
    public static readonly ServerVersion ServerVersion = new MySqlServerVersion(new Version(8, 0, 36));
}
