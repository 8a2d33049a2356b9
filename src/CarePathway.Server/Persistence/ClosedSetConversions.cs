using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CarePathway.Server.Persistence;

/// <summary>
/// Closed sets are stored as their wire names (<see cref="WireNames"/>): the same lowercase text the columns held
/// when the sets were string constants, so existing databases read as they are and no migration is needed (the
/// column type does not change, only how the model reads it).
/// </summary>
public static class ClosedSetConversions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        Store<InstanceStatus>(configurationBuilder);
        Store<HumanTaskStatus>(configurationBuilder);
        Store<TimerState>(configurationBuilder);
        Store<DefinitionStatus>(configurationBuilder);
        Store<LabHold>(configurationBuilder);
        Store<BookmarkKind>(configurationBuilder);
        Store<CauseKind>(configurationBuilder);
        Store<PatientSex>(configurationBuilder);
    }

    private static void Store<TEnum>(ModelConfigurationBuilder configurationBuilder) where TEnum : struct, Enum =>
        configurationBuilder.Properties<TEnum>().HaveConversion<AsWireName<TEnum>>();

    /// <summary>An enum column as its wire name.</summary>
    public sealed class AsWireName<TEnum>() : ValueConverter<TEnum, string>(value => value.WireName(), stored => WireNames.Parse<TEnum>(stored))
        where TEnum : struct, Enum;
}
