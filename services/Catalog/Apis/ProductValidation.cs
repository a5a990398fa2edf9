using System.Text.RegularExpressions;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Apis;

/// <summary>The catalogue's input rules; error keys are the JSON field names.</summary>
public static partial class ProductValidation
{
    public const int MaxPrice = 1_000_000;
    public const int MaxStock = 100_000;
    public const int MaxNameLength = 100;
    public const int MaxBrandLength = 50;
    public const int MaxReasonLength = 200;

    public static Dictionary<string, string[]> Validate(CreateProductRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateDescription(errors, request.Sku, request.DetectionLabel, request.NameKo, request.NameEn, request.Brand, request.Category);
        ValidatePrice(errors, request.Price);
        if (request.Stock is < 0 or > MaxStock)
        {
            errors["stock"] = [$"Stock must be between 0 and {MaxStock}."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(UpdateProductRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateDescription(errors, request.Sku, request.DetectionLabel, request.NameKo, request.NameEn, request.Brand, request.Category);
        ValidatePrice(errors, request.Price);
        if (request.Version < 1)
        {
            errors["version"] = ["Send the version of the product as last read."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(SetPriceRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidatePrice(errors, request.Price);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(AdjustStockRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Delta == 0 || Math.Abs((long)request.Delta) > MaxStock)
        {
            errors["delta"] = [$"Delta must be non-zero and at most {MaxStock} either way."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength || request.Reason.Any(char.IsControl))
        {
            errors["reason"] = [$"A reason of 1 to {MaxReasonLength} characters, without control characters, is required."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(ReserveStockRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.OrderId == Guid.Empty)
        {
            errors["orderId"] = ["An order id is required."];
        }

        if (request.Lines is not { Count: > 0 and <= 100 })
        {
            errors["lines"] = ["Between 1 and 100 lines are required."];
            return errors;
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line is null)
            {
                errors[$"lines[{i}]"] = ["A line is required."];
                continue;
            }

            if (line.ProductId <= 0)
            {
                errors[$"lines[{i}].productId"] = ["A product id is required."];
            }

            if (line.Quantity is <= 0 or > 1000)
            {
                errors[$"lines[{i}].quantity"] = ["Quantity must be between 1 and 1000."];
            }
        }

        if (request.Lines.Where(l => l is not null).GroupBy(l => l.ProductId).Any(g => g.Count() > 1))
        {
            errors["lines"] = ["Each product may appear in one line only."];
        }

        return errors;
    }

    private static void ValidateDescription(
        Dictionary<string, string[]> errors, string? sku, string? label, string? nameKo, string? nameEn, string? brand, string? category)
    {
        if (sku is null || !SkuPattern().IsMatch(sku))
        {
            errors["sku"] = ["SKU is required: 3 to 32 characters of A-Z, 0-9 and '-'."];
        }

        if (label is not null && !LabelPattern().IsMatch(label))
        {
            errors["detectionLabel"] = ["A detection label is 1 to 64 characters of a-z, 0-9 and '_'."];
        }

        RequireText(errors, "nameKo", nameKo, MaxNameLength);
        RequireText(errors, "nameEn", nameEn, MaxNameLength);
        RequireText(errors, "brand", brand, MaxBrandLength);
        if (string.IsNullOrWhiteSpace(category))
        {
            errors["category"] = ["A category slug is required."];
        }
    }

    private static void ValidatePrice(Dictionary<string, string[]> errors, int price)
    {
        if (price is <= 0 or > MaxPrice)
        {
            errors["price"] = [$"Price is in won and must be between 1 and {MaxPrice}."];
        }
    }

    private static void RequireText(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Trim().Length != value.Length || value.Any(char.IsControl))
        {
            errors[field] = [$"{field} is required: 1 to {maxLength} characters without leading or trailing spaces or control characters."];
        }
    }

    [GeneratedRegex("^[A-Z0-9-]{3,32}$")]
    private static partial Regex SkuPattern();

    public static bool IsDetectionLabel(string label) => LabelPattern().IsMatch(label);

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex LabelPattern();
}
