import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// Wide tables as planners export them, one quirk at a time.
@Suite struct WideTableReaderTests {
    func read(_ text: String, lenient: Bool = false) throws -> DatasetReading {
        try WideTableReader.read(Data(text.utf8), file: "w.csv", name: "w", lenient: lenient)
    }

    func values(_ output: DatasetReading, _ indicator: String) -> [Int: (Double, ObservationStatus)] {
        var result: [Int: (Double, ObservationStatus)] = [:]
        for o in output.dataset.observations where o.indicatorID == indicator { result[o.year] = (o.value, o.status) }
        return result
    }

    @Test func spreadsheetNumbers() {
        #expect(SpreadsheetNumber.parse("2,9") == .value(2.9, preliminary: false, percent: false))
        #expect(SpreadsheetNumber.parse("60%") == .value(60, preliminary: false, percent: true))
        #expect(SpreadsheetNumber.parse("(73)") == .value(73, preliminary: true, percent: false))
        #expect(SpreadsheetNumber.parse("91 867") == .value(91867, preliminary: false, percent: false))
        #expect(SpreadsheetNumber.parse("91\u{00A0}867") == .value(91867, preliminary: false, percent: false))
        #expect(SpreadsheetNumber.parse("\u{2212}109 688") == .value(-109688, preliminary: false, percent: false))
        #expect(SpreadsheetNumber.parse("1.234,5") == .value(1234.5, preliminary: false, percent: false))
        #expect(SpreadsheetNumber.parse("-") == .missing)
        #expect(SpreadsheetNumber.parse("") == .missing)
        #expect(SpreadsheetNumber.parse("sju") == .invalid)
        #expect(SpreadsheetNumber.parse("1,2,3") == .invalid)
    }

    @Test func semicolonsDecimalCommasPercentAndPreliminary() throws {
        let text =
            "\u{FEFF}Indikator;Enhet;Utfall 2021;Utfall 2022;Preliminärt utfall 2023;Mål 2023\n"
            + "Företagsklimat NKI;index;71;72;(73);72\n"
            + "Andel chefer;%;-;40%;53%;60%\n"
            + "Dialog (skala 1–6);skala;2,5;2,4;2,6;2,9\n"
        let output = try read(text)
        #expect(output.dataset.indicators.map(\.id) == ["företagsklimat-nki", "andel-chefer", "dialog-skala-1-6"])
        #expect(output.dataset.indicators.map(\.unit) == [.index, .percent, .scale])
        let nki = values(output, "företagsklimat-nki")
        #expect(nki[2023]?.0 == 73 && nki[2023]?.1 == .preliminary)
        #expect(nki[2021]?.1 == .final)
        let share = values(output, "andel-chefer")
        #expect(share[2021] == nil)
        #expect(share[2022]?.0 == 40)
        #expect(values(output, "dialog-skala-1-6")[2021]?.0 == 2.5)
        #expect(output.dataset.targets.map(\.value) == [72, 60, 2.9])
        #expect(output.dataset.targets.allSatisfy { $0.year == 2023 })
    }

    @Test func tabsThousandsSeparatorsAndMinusSign() throws {
        let text =
            "Rad\tKommun\t2022\t2023\nPersonalkostnader\tAlingsås\t\u{2212}88 880\t\u{2212}102\u{00A0}266\nIntäkter\tAlingsås\t77 028\t91 728\n"
        let output = try read(text)
        #expect(output.dataset.entities.map(\.name) == ["Alingsås"])
        #expect(values(output, "personalkostnader")[2023]?.0 == -102266)
        #expect(values(output, "intäkter")[2022]?.0 == 77028)
    }

    @Test func commaDelimitedWithQuotedDecimalCommas() throws {
        let output = try read("Indicator,2022,2023\nSick leave,\"3,4\",\"3,7\"\n")
        #expect(values(output, "sick-leave")[2023]?.0 == 3.7)
    }

    @Test func windows1252IsDetected() throws {
        var bytes = Array("Indikator;2022;2023\nSjukfr".utf8)
        bytes.append(0xE5)  // å in Windows-1252
        bytes += Array("nvaro;3,4;3,7\n".utf8)
        let output = try WideTableReader.read(Data(bytes), file: "w.csv", name: "w")
        #expect(output.dataset.indicators.first?.titleSv == "Sjukfrånvaro")
    }

    @Test func strictReportsEveryBadCellAndLenientKeepsTheRest() throws {
        let text = "Indikator;2022;2023\nA;sju;5\nB;4;x,y,z\n"
        switch TestSupport.result(try WideTableReader.read(Data(text.utf8), file: "w.csv", name: "w")) {
        case .success: Issue.record("expected problems")
        case .failure(let invalid):
            #expect(
                invalid.diagnostics.map(\.description) == [
                    "w.csv:2:3: \"sju\" in column \"2022\" is not a number",
                    "w.csv:3:5: \"x,y,z\" in column \"2023\" is not a number",
                ])
        }
        let lenient = try read(text, lenient: true)
        #expect(lenient.rejected.count == 2)
        #expect(lenient.dataset.observations.count == 2)
    }
}
