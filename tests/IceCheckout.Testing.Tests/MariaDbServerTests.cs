using MySqlConnector;

namespace IceCheckout.Testing.Tests;

public class MariaDbServerTests(MariaDbServer mariaDb) : IClassFixture<MariaDbServer>
{
    [Fact]
    public async Task The_service_databases_exist_and_need_a_password()
    {
        foreach (var database in new[] { "catalogdb", "ordersdb" })
        {
            await using var connection = new MySqlConnection(mariaDb.GetConnectionString(database));
            await connection.OpenAsync();
            Assert.Equal(database, connection.Database);
        }

        var withoutPassword = new MySqlConnectionStringBuilder(mariaDb.ConnectionString) { Password = "" };
        await using var refused = new MySqlConnection(withoutPassword.ConnectionString);
        var error = await Assert.ThrowsAsync<MySqlException>(() => refused.OpenAsync());
        Assert.Equal(MySqlErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public async Task Created_databases_are_new_empty_and_store_korean_text()
    {
        var first = await mariaDb.CreateDatabaseAsync();
        var second = await mariaDb.CreateDatabaseAsync();
        Assert.NotEqual(first, second);

        await using (var connection = new MySqlConnection(first))
        {
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE products (name VARCHAR(40) NOT NULL)");
            await Execute(connection, "INSERT INTO products VALUES ('메로나 Melona')");
            Assert.Equal("메로나 Melona", await Scalar(connection, "SELECT name FROM products"));
        }

        await using var other = new MySqlConnection(second);
        await other.OpenAsync();
        Assert.Equal(0L, await Scalar(other, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    }

    [Fact]
    public async Task Database_names_are_checked()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => mariaDb.CreateDatabaseAsync("x`; DROP DATABASE catalogdb; --"));
    }

    [Fact]
    public async Task Restart_keeps_the_port_and_the_data()
    {
        var database = await mariaDb.CreateDatabaseAsync();
        var port = mariaDb.Port;
        await using (var connection = new MySqlConnection(database))
        {
            await connection.OpenAsync();
            await Execute(connection, "CREATE TABLE orders (id INT PRIMARY KEY)");
            await Execute(connection, "INSERT INTO orders VALUES (42)");
        }

        await mariaDb.StopAsync();
        await using (var stopped = new MySqlConnection(database))
        {
            await Assert.ThrowsAsync<MySqlException>(() => stopped.OpenAsync());
        }

        await mariaDb.StartAsync();
        Assert.Equal(port, mariaDb.Port);
        await using var reconnected = new MySqlConnection(database);
        await reconnected.OpenAsync();
        Assert.Equal(42, await Scalar(reconnected, "SELECT id FROM orders"));
    }

    private static async Task Execute(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
