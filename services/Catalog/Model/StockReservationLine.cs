namespace IceCheckout.Catalog.Model;

public class StockReservationLine
{
    public Guid OrderId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }
}
