// `import Prognos` is the whole library, as `import Numerics` is in swift-numerics: the
// run job and output directory of this target, and every layer below it.
@_exported import PrognosAnalysis
@_exported import PrognosFetch
@_exported import PrognosForecast
@_exported import PrognosIngest
@_exported import PrognosLinear
@_exported import PrognosModel
@_exported import PrognosNumerics
@_exported import PrognosRender
@_exported import PrognosSupport
