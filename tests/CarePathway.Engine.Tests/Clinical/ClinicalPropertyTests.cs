using CarePathway.Engine.Clinical;
using FsCheck;
using FsCheck.Fluent;

namespace CarePathway.Engine.Tests.Clinical;

public class ClinicalPropertyTests
{
    private static readonly DateOnly Start = new(2025, 6, 2);

    private static readonly Gen<DoseRequest> Requests =
        from weightTenths in Gen.Choose(10, 1500)                  // 1.0-150.0 kg
        from rateHundredths in Gen.Choose(1, 300)                  // 0.01-3.00 mg/kg
        from capMg in Gen.Choose(0, 120)                           // 0 = no per-dose cap
        from reducedHundredths in Gen.Choose(0, 100)               // 0 = no reduced first dose
        from stepIndex in Gen.Choose(0, 4)
        from mode in Gen.Elements(DoseRoundingMode.NearestStep, DoseRoundingMode.DownToStep)
        from annualTenths in Gen.Choose(0, 200)                    // 0 = no annual cap
        from days in Gen.Choose(1, 5)
        from history in (from daysAgo in Gen.Choose(0, 500) from mgTenths in Gen.Choose(0, 1200) select new AdministeredDose(Start.AddDays(-daysAgo), mgTenths / 10m))
            .ListOf().Select(l => l.ToList())
        select new DoseRequest(
            weightTenths / 10m,
            rateHundredths / 100m,
            capMg == 0 ? null : capMg,
            reducedHundredths == 0 ? null : reducedHundredths / 100m,
            new DoseRounding(new[] { 0.1m, 0.5m, 1m, 2.5m, 7m }[stepIndex], mode),
            history,
            annualTenths == 0 ? null : annualTenths / 10m,
            Start,
            days);

    [Fact]
    public void No_proposed_dose_exceeds_the_per_dose_cap_or_is_negative()
    {
        Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var result = DoseCalculator.Calculate(request);
            return result.Doses.All(d => d.Mg >= 0m && (request.PerDoseCapMg is not { } cap || d.Mg <= cap))
                && result.Doses.Zip(result.FullCycleDoses).All(p => p.First.Mg <= p.Second.Mg);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_rolling_365_day_total_including_the_proposal_never_exceeds_the_annual_cap()
    {
        Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var result = DoseCalculator.Calculate(request);
            if (request.AnnualCapMgPerKg is not { } annual)
            {
                return result.Outcome == DoseOutcome.WithinCaps;
            }

            var capMg = annual * request.WeightKg;
            var used = request.AdministeredDoses.Where(d => d.Date >= Start.AddDays(-365)).Sum(d => d.Mg);

            // Every window ending on a day of the cycle is inside the one checked at the cycle start.
            var windowsHold = result.Doses.All(day =>
                request.AdministeredDoses.Where(d => d.Date >= day.Date.AddDays(-365)).Sum(d => d.Mg)
                + result.Doses.Where(d => d.Date <= day.Date).Sum(d => d.Mg) <= Math.Max(capMg, used));

            return used >= capMg
                ? result.TotalMg == 0m && result.Outcome == DoseOutcome.Defer
                : used + result.TotalMg <= capMg && windowsHold;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_reduced_cycle_is_the_largest_total_in_rounding_steps_that_fits_under_the_annual_cap()
    {
        Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var result = DoseCalculator.Calculate(request);
            if (result.Outcome != DoseOutcome.ReducedToAnnualCap)
            {
                return true;
            }

            var capMg = request.AnnualCapMgPerKg!.Value * request.WeightKg;
            var used = request.AdministeredDoses.Where(d => d.Date >= Start.AddDays(-365)).Sum(d => d.Mg);
            return result.TotalMg == result.AllowedTotalMg
                && used + result.TotalMg + request.Rounding.StepMg > capMg;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Conversions_round_trip_within_rounding()
    {
        var cases = new[]
        {
            ("2160-0", "mg/dL", "umol/L", 40m),
            ("62292-8", "ng/mL", "nmol/L", 400m),
            ("17861-6", "mg/dL", "mmol/L", 25m),
        };
        var gen = from index in Gen.Choose(0, cases.Length - 1)
                  from thousandths in Gen.Choose(1, 1_000_000)
                  select (cases[index], thousandths / 1_000_000m);

        Prop.ForAll(gen.ToArbitrary(), pick =>
        {
            var ((code, mass, molar, max), fraction) = pick;
            var value = max * fraction;
            var there = LabUnits.ConvertOrThrow(code, value, mass, molar);
            var back = LabUnits.ConvertOrThrow(code, there, molar, mass);
            return Math.Abs(back - value) <= 0.000000000001m;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Schwartz_and_cockcroft_gault_do_not_depend_on_the_creatinine_unit()
    {
        var gen = from creatHundredths in Gen.Choose(10, 1000)
                  from height in Gen.Choose(50, 200)
                  from age in Gen.Choose(18, 100)
                  from weight in Gen.Choose(30, 150)
                  select (creatHundredths / 100m, height, age, weight);

        Prop.ForAll(gen.ToArbitrary(), pick =>
        {
            var (mgPerDl, height, age, weight) = pick;
            var umol = mgPerDl * 88.42m;
            return RenalFunction.BedsideSchwartz(height, mgPerDl, "mg/dL").Rounded == RenalFunction.BedsideSchwartz(height, umol, "umol/L").Rounded
                && RenalFunction.CockcroftGault(age, weight, mgPerDl, "mg/dL", Sex.Female).Rounded
                    == RenalFunction.CockcroftGault(age, weight, umol, "umol/L", Sex.Female).Rounded;
        }).QuickCheckThrowOnFailure();
    }
}
