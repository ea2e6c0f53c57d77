// The settings comparisons of docs/forecasting.md "Four selection sets", from the repository root:
//
//     Scripts/yearly-validation --prepare      # M1 and Tourism yearly, once
//     swift run --package-path Development -c release SelectionSets EXPERIMENT [VALIDATION_DIR]
//
// EXPERIMENT is `limit` (Holt's, Damped's and Comb's trend limit), `limit-auto` (the
// limit in `auto` and the ensembles), `widening` (`auto`'s interval widening),
// `origins` (`auto`'s least training values per origin, origins, interval settings),
// `candidates` (`auto`'s candidates, `top` and p), `fifth` (a fifth candidate, with the
// time each setting takes over the four sets), `score` (how the scaled errors are
// summarised into a candidate's score) or `damping` (the box of the damped trend's φ in
// `auto`, the ensembles and the `damped` method). Each prints, per setting, the rule's
// averages against the experiment's base setting, and paired-bootstrap intervals for
// the comparisons docs/forecasting.md quotes. VALIDATION_DIR defaults to .build/yearly-validation.
import Foundation
import Prognos

let arguments = Array(CommandLine.arguments.dropFirst())
let experiments = ["limit", "limit-auto", "widening", "origins", "candidates", "fifth", "score", "damping", "theta"]
guard let experiment = arguments.first, experiments.contains(experiment) else {
    FileHandle.standardError.write(
        Data("usage: SelectionSets \(experiments.joined(separator: "|")) [VALIDATION_DIR]\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let validation =
    arguments.count > 1
    ? URL(fileURLWithPath: arguments[1]) : root.appendingPathComponent(".build/yearly-validation")
let selection: SelectionSets
do {
    selection = try SelectionSets(root: root, validation: validation)
} catch {
    FileHandle.standardError.write(
        Data(
            "SelectionSets: \(error)\n(run from the repository root, after Scripts/yearly-validation --prepare)\n".utf8)
    )
    exit(1)
}

/// Prints every setting's line against the first one's scores.
func compare(_ settings: [(String, any Forecaster)]) {
    guard let first = settings.first else { return }
    let base = RuleScores(first.1, on: selection)
    print(base.raw(first.0 + " (base)"))
    for (label, method) in settings.dropFirst() {
        print(RuleScores(method, on: selection).line(label, against: base))
    }
    print()
}

func exponentialSmoothing(_ trend: ExponentialSmoothing.Trend, limit: Double) -> ExponentialSmoothing {
    ExponentialSmoothing(trend: trend, slopeSmoothingLimit: limit)
}
func comb(limit: Double) -> Combination {
    Combination(
        name: "comb",
        members: [
            exponentialSmoothing(.none, limit: 1), exponentialSmoothing(.additive, limit: limit),
            exponentialSmoothing(.damped, limit: limit),
        ], rule: .mean)
}
let drift = RandomWalk(drift: true)
let unlimitedDamped = exponentialSmoothing(.damped, limit: 1)
let theta = ThetaForecaster()
let autoDOTM = DynamicOptimizedTheta(optimizerTolerance: 1e-4)
/// `auto`'s candidates before its damped candidate's φ box was widened to [0.8, 0.995]
/// (`damping`): the experiments run before that use them, so that they print the figures
/// docs/forecasting.md quotes.
let before: [any Forecaster] = [drift, unlimitedDamped, theta, autoDOTM]

switch experiment {
case "limit":
    let limits = [0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04]
    for trend in [ExponentialSmoothing.Trend.additive, .damped] {
        compare(limits.map { ("\(trend.rawValue) β̄ \($0)", exponentialSmoothing(trend, limit: $0)) })
        print(
            PairedBootstrap(
                base: exponentialSmoothing(trend, limit: 0.2), other: exponentialSmoothing(trend, limit: 0.12),
                on: selection
            ).line("\(trend.rawValue) 0.12 against 0.2"))
        print()
    }
    compare([0.2, 0.15, 0.12, 0.1, 0.08].map { ("comb β̄ \($0)", comb(limit: $0)) })
case "limit-auto":
    compare(
        [1, 0.5, 0.2, 0.12].map { limit in
            (
                "auto, damped β̄ \(limit)",
                AutoForecaster(candidates: [drift, exponentialSmoothing(.damped, limit: limit), theta, autoDOTM])
            )
        })
    for rule in [Combination.Rule.mean, .median] {
        compare(
            [1, 0.12].map { limit in
                (
                    "\(rule.rawValue), damped β̄ \(limit)",
                    Combination(
                        name: rule.rawValue,
                        members: [exponentialSmoothing(.damped, limit: limit), theta, DynamicOptimizedTheta(), drift],
                        rule: rule)
                )
            })
    }
case "widening":
    // The choice against 1.2, made while origins left at least 11 values; then the
    // re-check at the current settings against 1.1.
    compare(
        [1.2, 0.9, 1.0, 1.1, 1.3].map {
            (
                "auto, least 11, widening \($0)",
                AutoForecaster(candidates: before, minimumTraining: 11, intervalInflation: $0)
            )
        })
    compare(
        [1.1, 0.9, 1.0, 1.2, 1.3].map {
            ("auto, widening \($0)", AutoForecaster(candidates: before, intervalInflation: $0))
        })
case "origins":
    var settings: [(String, any Forecaster)] = [
        ("auto, least training 11", AutoForecaster(candidates: before, minimumTraining: 11))
    ]
    for least in [9, 10, 12, 13] {
        settings.append(("auto, least training \(least)", AutoForecaster(candidates: before, minimumTraining: least)))
    }
    for origins in [6, 8, 12, 15] {
        settings.append(
            ("auto, \(origins) origins", AutoForecaster(candidates: before, origins: origins, minimumTraining: 11)))
    }
    settings.append(("auto, least errors 4", AutoForecaster(candidates: before, minimumTraining: 11, minimumErrors: 4)))
    for df in [3.0, 5.0] {
        settings.append(
            (
                "auto, least df \(Int(df))",
                AutoForecaster(candidates: before, minimumTraining: 11, minimumDegreesOfFreedom: df)
            ))
    }
    compare(settings)
    print(
        PairedBootstrap(
            base: AutoForecaster(candidates: before, minimumTraining: 11),
            other: AutoForecaster(candidates: before, minimumTraining: 12), on: selection
        )
        .line("least training 12 against 11"))
case "fifth":
    let base: [any Forecaster] = [drift, unlimitedDamped, theta, autoDOTM]
    let logDrift = LogTransformed(drift)
    let logDOTM = LogTransformed(autoDOTM)
    let extras: [(String, any Forecaster)] = [
        ("log drift", logDrift), ("log damped", LogTransformed(unlimitedDamped)), ("log theta", LogTransformed(theta)),
        ("log dotm", logDOTM), ("holt", ExponentialSmoothing(trend: .additive)),
        ("ses", ExponentialSmoothing(trend: .none)),
        ("naive", RandomWalk(drift: false)), ("linear trend", TrendForecaster()),
        ("damped β̄ 0.12", ExponentialSmoothing(trend: .damped)),
    ]
    var settings: [(String, any Forecaster)] = [("auto", AutoForecaster(candidates: before))]
    for (label, extra) in extras {
        settings.append(("+ \(label), all 5", AutoForecaster(candidates: base + [extra], top: 5)))
    }
    settings.append(("+ log dotm, best 4", AutoForecaster(candidates: base + [logDOTM], top: 4)))
    settings.append(("+ log drift + log dotm, all 6", AutoForecaster(candidates: base + [logDrift, logDOTM], top: 6)))
    settings.append(("log drift for drift", AutoForecaster(candidates: [logDrift, unlimitedDamped, theta, autoDOTM])))
    settings.append(("log drift for theta", AutoForecaster(candidates: [drift, unlimitedDamped, logDrift, autoDOTM])))
    compare(settings)
    print(
        PairedBootstrap(
            base: AutoForecaster(candidates: before), other: AutoForecaster(candidates: base + [logDOTM], top: 5),
            on: selection
        )
        .line("+ log dotm, all 5"))
    // What each costs: the four sets' backtests, three alternating passes.
    for pass in 1...3 {
        for (label, method) in [
            ("auto", AutoForecaster(candidates: before)),
            ("+ log drift", AutoForecaster(candidates: base + [logDrift], top: 5)),
            ("+ log dotm", AutoForecaster(candidates: base + [logDOTM], top: 5)),
        ] as [(String, any Forecaster)] {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = RuleScores(method, on: selection)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("pass \(pass): \(label) \(String(format: "%.3f", seconds)) s")
        }
    }
case "score":
    compare([
        ("auto (mean absolute)", AutoForecaster(candidates: before)),
        ("root mean square", AutoForecaster(candidates: before, scoreMeasure: .rootMeanSquare)),
        ("root mean square, p 1", AutoForecaster(candidates: before, scoreExponent: 1, scoreMeasure: .rootMeanSquare)),
        ("median absolute", AutoForecaster(candidates: before, scoreMeasure: .medianAbsolute)),
        ("median absolute, p 1", AutoForecaster(candidates: before, scoreExponent: 1, scoreMeasure: .medianAbsolute)),
    ])
case "damping":
    var settings: [(String, any Forecaster)] = [("auto, φ in [0.8, 0.98] (before)", AutoForecaster(candidates: before))]
    for bounds in [0.8...0.99, 0.8...0.995, 0.8...1.0, 0.7...0.98, 0.9...0.98, 0.9...0.995] {
        var damped = unlimitedDamped
        damped.dampingBounds = bounds
        settings.append(
            (
                "φ in [\(bounds.lowerBound), \(bounds.upperBound)]",
                AutoForecaster(candidates: [drift, damped, theta, autoDOTM])
            ))
    }
    compare(settings)
    var wider = unlimitedDamped
    wider.dampingBounds = 0.8...0.995
    print(
        PairedBootstrap(
            base: AutoForecaster(candidates: before),
            other: AutoForecaster(candidates: [drift, wider, theta, autoDOTM]), on: selection
        )
        .line("auto, φ in [0.8, 0.995] against [0.8, 0.98]"))
    print(RuleScores(AutoForecaster(), on: selection).raw("auto now"))
    print()
    for rule in [Combination.Rule.mean, .median] {
        compare(
            [0.8...0.98, 0.8...0.995].map { bounds in
                var damped = unlimitedDamped
                damped.dampingBounds = bounds
                return (
                    "\(rule.rawValue), φ in [\(bounds.lowerBound), \(bounds.upperBound)]",
                    Combination(
                        name: rule.rawValue, members: [damped, theta, DynamicOptimizedTheta(), drift], rule: rule)
                )
            })
    }
    // The `damped` method (β̄ 0.12) with the same boxes.
    compare(
        [0.8...0.98, 0.8...0.99, 0.8...0.995, 0.8...1.0].map { bounds in
            var damped = ExponentialSmoothing(trend: .damped)
            damped.dampingBounds = bounds
            return ("damped, φ in [\(bounds.lowerBound), \(bounds.upperBound)]", damped)
        })
case "theta":
    var settings: [(String, any Forecaster)] = [("auto", AutoForecaster())]
    for value in [1.5, 2.5, 3.0, 4.0, 5.0, 6.0, 10.0, 1e9] {
        let candidates = AutoForecaster.defaultCandidates.map {
            $0 is ThetaForecaster ? ThetaForecaster(theta: value) : $0
        }
        settings.append(("theta candidate θ \(value)", AutoForecaster(candidates: candidates)))
    }
    let withoutTheta = AutoForecaster.defaultCandidates.filter { !($0 is ThetaForecaster) }
    settings.append(("without Theta", AutoForecaster(candidates: withoutTheta, top: 3)))
    compare(settings)
    for rule in [Combination.Rule.mean, .median] {
        compare(
            [2.0, 6.0].map { value in
                let members = MethodRegistry.ensembleMembers.map {
                    $0 is ThetaForecaster ? ThetaForecaster(theta: value) : $0
                }
                return ("\(rule.rawValue), θ \(value)", Combination(name: rule.rawValue, members: members, rule: rule))
            })
    }
    for value in [4.0, 6.0] {
        let candidates = AutoForecaster.defaultCandidates.map {
            $0 is ThetaForecaster ? ThetaForecaster(theta: value) : $0
        }
        print(
            PairedBootstrap(base: AutoForecaster(), other: AutoForecaster(candidates: candidates), on: selection)
                .line("theta candidate θ \(value)"))
    }
default:
    let withoutTheta: [any Forecaster] = [drift, unlimitedDamped, autoDOTM]
    let withLogDrift: [any Forecaster] = [drift, unlimitedDamped, theta, autoDOTM, LogTransformed(drift)]
    var settings: [(String, any Forecaster)] = [("auto", AutoForecaster(candidates: before))]
    settings.append(("without Theta", AutoForecaster(candidates: withoutTheta, top: 3)))
    settings.append(("without Theta, best 2", AutoForecaster(candidates: withoutTheta, top: 2)))
    for top in [2, 3] { settings.append(("best \(top)", AutoForecaster(candidates: before, top: top))) }
    for p in [1.0, 3.0, 5.0] { settings.append(("p \(Int(p))", AutoForecaster(candidates: before, scoreExponent: p))) }
    settings.append(("with log drift, all 5", AutoForecaster(candidates: withLogDrift, top: 5)))
    settings.append(("with log drift, best 4", AutoForecaster(candidates: withLogDrift, top: 4)))
    compare(settings)
    print(
        PairedBootstrap(
            base: AutoForecaster(candidates: before), other: AutoForecaster(candidates: withoutTheta, top: 3),
            on: selection
        )
        .line("without Theta"))
    print(
        PairedBootstrap(
            base: AutoForecaster(candidates: before), other: AutoForecaster(candidates: withLogDrift, top: 5),
            on: selection
        )
        .line("with log drift, all 5"))
}
