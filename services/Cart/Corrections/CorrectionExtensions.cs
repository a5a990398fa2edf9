namespace IceCheckout.Cart.Corrections;

public static class CorrectionExtensions
{
    /// <summary>Corrections kept as training data, in the local folder file store.</summary>
    public static IServiceCollection AddCorrections(this IServiceCollection services)
    {
        services.AddOptions<CorrectionOptions>().BindConfiguration(CorrectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFrameStore, LocalFolderFrameStore>();
        services.AddScoped<CorrectionRecorder>();
        services.AddSingleton<CorrectionQueries>();
        services.AddHostedService<CorrectionSweeper>();
        return services;
    }
}
