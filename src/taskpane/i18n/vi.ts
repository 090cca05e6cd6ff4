/** Vietnamese texts of the task pane (the default). en.ts must have the same keys (typecheck forces it). */
import type { ScoringMethod } from "../../engine";
/** One agency's problems in the Kiểm tra tab's grouped view; blank scores counted apart ("chưa nhập"). */
export interface UnitCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly blank: number;
}

export const vi = {
  appTitle: "DTI cho Excel",
  languageSwitch: "English",
  languageSwitchLabel: "Hiển thị bằng tiếng Anh",
  tabs: {
    set: "Bộ chỉ số",
    check: "Kiểm tra",
    progress: "Tiến độ",
    rank: "Xếp hạng",
    explain: "Giải thích",
  },
  tabListLabel: "Các bước làm việc",
  errorTitle: "Không thực hiện được",
  dismiss: "Đóng thông báo",
  /** On the "sheet was edited" message: rebuild, overwriting the listed cells (what is outside the table stays). */
  rebuildAnyway: "Vẫn tạo lại",
  /** On the "older add-in sheet" message: take the old sheet over and rebuild it in place. */
  adoptOlder: "Nhận trang cũ",
  busy: "Đang xử lý…",
  set: {
    heading: "Nạp bộ chỉ số",
    intro: "Chọn một cách nạp bộ chỉ số, xem lại rồi xác nhận.",
    fromSheet: "Nhận dạng trang tính đang mở",
    fromFile: "Nhập tệp bộ chỉ số (.xlsx)",
    fromFileHint: "Tệp Excel bộ chỉ số chính thức của tỉnh.",
    profile: "Bộ quy tắc có sẵn",
    profileHint: "Quy tắc chấm điểm, xếp loại theo văn bản của tỉnh.",
    useProfile: "Dùng bộ quy tắc này",
    loaded: "Bộ chỉ số đã nạp",
    name: "Tên",
    source: "Văn bản nguồn",
    groups: "Nhóm xếp hạng",
    mainIndices: "Chỉ số chính",
    components: "Chỉ số thành phần",
    maxPoints: "Tổng điểm tối đa",
    units: "Số cơ quan, đơn vị",
    groupLine: (name: string, max: number) => `${name}: tối đa ${max} điểm`,
    confirm: "Xác nhận bộ chỉ số",
    confirmed: "Đã xác nhận. Các lần kiểm tra và xếp hạng dùng bộ chỉ số này.",
    issuesWhileLoading: (n: number) => `${n} vấn đề khi nạp (xem thẻ Kiểm tra).`,
    layout: {
      heading: "Bố cục bảng đã nhận dạng",
      summary: (sheet: string, header: string, first: number, last: number) =>
        `Trang "${sheet}": tiêu đề dòng ${header}, dữ liệu dòng ${first}–${last}. Kiểm tra vai trò từng cột trước khi xác nhận.`,
      scale: "Thang của các số",
      scales: { points: "Điểm", percent: "% điểm tối đa", index: "Chỉ số 0..1 (điểm ÷ tối đa)" },
      scaleFrom: {
        header: "Thang theo tiêu đề cột",
        profile: "Thang theo bộ quy tắc và khoảng giá trị (hãy kiểm tra)",
        values: "Thang theo khoảng giá trị (hãy kiểm tra)",
        override: "Thang theo lựa chọn của bạn",
        default: "Thang mặc định: điểm",
      },
      groupsFrom: {
        column: "nhóm theo cột Nhóm",
        sections: "nhóm theo dòng tiêu đề nhóm",
        "units-sheet": "nhóm theo trang Đơn vị",
        names: "nhóm suy từ tên đơn vị (hãy kiểm tra)",
        merged: "xếp hạng chung một nhóm (các nhóm cùng điểm tối đa)",
        single: "bộ quy tắc có một nhóm",
        none: "chưa xác định được nhóm",
      },
      columns: "Vai trò các cột",
      column: "Cột",
      header: "Tiêu đề",
      role: "Vai trò",
      max: "Tối đa",
      roleOf: (col: string) => `Vai trò của cột ${col}`,
      maxOf: (col: string) => `Điểm tối đa của cột ${col}`,
      mainRole: (code: string) => `Chỉ số chính ${code}`,
      roles: {
        unit: "Tên đơn vị",
        group: "Nhóm",
        code: "STT / mã",
        name: "Tên chỉ số",
        max: "Điểm tối đa",
        self: "Tự đánh giá",
        appraised: "Thẩm định",
        evidence: "Tài liệu kiểm chứng",
        main: "Chỉ số chính",
        total: "Tổng điểm",
        percent: "Tỷ lệ %",
        rank: "Xếp hạng (ghi tay, đối chiếu)",
        grade: "Xếp loại (ghi tay, đối chiếu)",
        note: "Ghi chú",
        ignore: "Bỏ qua",
      },
      reasons: {
        hidden: "cột ẩn",
        "last-year": "số liệu năm trước",
        "not-an-index": "không phải chỉ số của bộ quy tắc",
        "total-used": "đã dùng cột tổng",
        "mains-used": "đã dùng các chỉ số chính",
        override: "theo lựa chọn",
        "text-without-figures": "chữ không có số",
        "after-table": "sau bảng (ghi chú, chữ ký)",
        "total-row": "dòng tổng, trung bình",
        "numbering-row": "dòng đánh số cột",
      },
      leftOut: "Các dòng không tính",
      row: (where: string) => `Dòng ${where}`,
      tree: "Cây chỉ số",
      askScale: (col: string, header: string) => `Cột ${col} ("${header}") ghi số theo thang nào?`,
      askScaleValues: (values: string) =>
        `Các giá trị (${values}…) có thể hiểu nhiều cách; chọn một để đọc lại bảng.`,
      noMax: "chưa có điểm tối đa",
    },
    entry: {
      heading: "Bảng nhập điểm",
      intro:
        "Tạo trang Nhập điểm (chỉ số × đơn vị: tự đánh giá, thẩm định, tài liệu kiểm chứng) và trang Đơn vị. Tạo lại vẫn giữ điểm đã nhập.",
      fromSheet: (n: number) => `Dùng ${n} cơ quan, đơn vị trong trang Đơn vị.`,
      names: "Tên các cơ quan, đơn vị (mỗi dòng một tên)",
      namesHint:
        "Chưa có trang Đơn vị. Nhập tên để tạo; nhóm, đơn vị trực thuộc, DVCTT sửa sau trong trang Đơn vị.",
      group: "Nhóm xếp hạng của các đơn vị này",
      noGroup: "Chưa chọn nhóm",
      create: "Tạo bảng nhập điểm",
      forms: "Nhập biểu tự đánh giá của các đơn vị",
      formsHint:
        "Chọn một hoặc nhiều tệp .xlsx (mỗi tệp là biểu của một đơn vị). Điểm đã có trong bảng được giữ.",
      created: (units: number, kept: number) =>
        `Đã tạo bảng nhập điểm cho ${units} cơ quan, đơn vị` +
        (kept > 0 ? `; giữ lại ${kept} điểm đã nhập.` : "."),
      imported: (files: number, units: number) =>
        `Đã nhập biểu của ${files} đơn vị; bảng nhập điểm có ${units} cơ quan, đơn vị.`,
      sheets: "Các trang đã ghi",
      open: (sheet: string) => `Mở trang ${sheet}`,
      notes: "Cần xem lại",
    },
  },
  rules: {
    heading: "Trang quy tắc (Quy tắc)",
    intro:
      'Quy tắc của tỉnh nằm trong trang "Quy tắc" của workbook: chọn bộ gần nhất, ghi trang, rồi sửa theo quyết định. Kiểm tra, xếp hạng và công thức trong các trang xếp hạng đều dùng trang này.',
    preset: "Bộ quy tắc làm mẫu",
    write: "Ghi trang Quy tắc",
    replace: "Ghi đè trang đã sửa",
    refresh: "Kiểm tra lại trang Quy tắc",
    none: "Chưa có trang Quy tắc: đang dùng bộ quy tắc chọn ở trên.",
    inForce: (name: string, preset: string | null, changed: boolean) =>
      `Đang áp dụng trang Quy tắc: ${name}${preset !== null ? ` (từ bộ ${preset}${changed ? ", đã sửa" : ""})` : ""}.`,
    incomplete:
      'Trang Quy tắc còn lỗi hoặc ô "điền theo quyết định": chưa xếp loại, xếp hạng được.',
    changedKept:
      'Trang Quy tắc đã được sửa so với bộ có sẵn nên chưa ghi đè. Bấm "Ghi đè trang đã sửa" nếu muốn thay.',
    goTo: (cell: string) => `Đến ô ${cell}`,
  },
  check: {
    heading: "Kiểm tra dữ liệu",
    live: "Tự kiểm tra khi nhập hoặc dán.",
    counts: "Số vấn đề theo mức độ",
    severity: { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" },
    /** The label on one issue (singular in English). */
    severityOne: { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" },
    filterUnit: "Lọc theo đơn vị",
    filterIndicator: "Lọc theo chỉ số",
    filterCode: "Lọc theo loại vấn đề",
    all: "Tất cả",
    none: "Không có vấn đề nào.",
    noneFiltered: "Không có vấn đề nào khớp bộ lọc.",
    list: "Danh sách vấn đề",
    goTo: (cell: string) => `Đến ô ${cell}`,
    fix: "Sửa nhanh",
    fixTitle: (cell: string) => `Sửa ô ${cell}?`,
    fixBody: (before: string, after: string) =>
      `Giá trị đang nhập: ${before}. Sẽ ghi thành số: ${after}. Sau khi sửa, nút Hoàn tác trả lại giá trị cũ.`,
    fixConfirm: "Sửa",
    cancel: "Huỷ",
    recheck: "Kiểm tra lại toàn bộ",
    notLoaded: "Chưa nạp bộ chỉ số: vào thẻ Bộ chỉ số trước.",
    fixed: (cell: string, before: string, after: string) =>
      `Đã sửa ô ${cell}: ${before} thành số ${after}.`,
    undo: "Hoàn tác",
    undoLabel: (cell: string) => `Hoàn tác sửa ô ${cell}`,
    fixAll: (n: number) => `Sửa tất cả (${n})`,
    fixAllLabel: (n: number) => `Sửa tất cả ${n} ô số nhập dạng chữ`,
    fixAllTitle: (n: number) => `Sửa ${n} ô số nhập dạng chữ?`,
    fixAllBody:
      'Mỗi ô như "8,5" được ghi thành số 8,5, tất cả trong một lần ghi. Ô nào đã thay đổi từ lần kiểm tra trước được giữ nguyên. Một lần Hoàn tác trả lại tất cả.',
    fixAllConfirm: "Sửa tất cả",
    fixedAll: (n: number, refused: number) =>
      `Đã sửa ${n} ô số nhập dạng chữ thành số.${refused > 0 ? ` ${refused} ô đã thay đổi từ lần kiểm tra trước nên được giữ nguyên.` : ""}`,
    undoAllLabel: (n: number) => `Hoàn tác sửa ${n} ô`,
    groupByUnit: "Nhóm theo đơn vị",
    byUnitList: "Vấn đề theo đơn vị",
    noUnit: "Chung (không thuộc đơn vị nào)",
    /** "Sở Y tế: 2 lỗi, 5 chưa nhập" (only the parts that are not zero). */
    unitSummary: (c: UnitCounts) =>
      [
        c.error > 0 ? `${c.error} lỗi` : "",
        c.warning > 0 ? `${c.warning} cảnh báo` : "",
        c.blank > 0 ? `${c.blank} chưa nhập` : "",
        c.info > 0 ? `${c.info} lưu ý` : "",
      ]
        .filter(Boolean)
        .join(", "),
    showUnit: "Xem",
    showUnitLabel: (unit: string) => `Xem các vấn đề của ${unit}`,
  },
  progress: {
    heading: "Tiến độ nhập điểm",
    notLoaded: "Chưa nạp bộ chỉ số: vào thẻ Bộ chỉ số trước.",
    reading: "Đang đọc bảng nhập điểm…",
    unreadable: "Chưa đọc được bảng nhập điểm:",
    refresh: "Làm mới",
    summary: "Tổng hợp",
    forms: (n: number, units: number) => `Biểu mẫu đã nhập: ${n}/${units} đơn vị`,
    entered: (n: number, of: number) => `Điểm tự đánh giá: ${n}/${of}`,
    appraised: (n: number, of: number) => `Điểm thẩm định: ${n}/${of}`,
    missingEvidence: (n: number) => `Thiếu tài liệu kiểm chứng: ${n}`,
    done: (n: number, units: number) => `Đã xong: ${n}/${units} đơn vị`,
    onlyUnfinished: "Chỉ hiện đơn vị chưa xong",
    allDone: "Mọi đơn vị đã xong.",
    noGroup: "Chưa có nhóm",
    list: (group: string) => `Tiến độ các đơn vị: ${group}`,
    form: (file: string) => `Biểu mẫu: đã nhập từ ${file}`,
    noForm: "Biểu mẫu: chưa nhập",
    unitEntered: (n: number, of: number) => `Tự đánh giá ${n}/${of}`,
    unitAppraised: (n: number, of: number) => `Thẩm định ${n}/${of}`,
    unitMissing: (n: number) => `Thiếu tài liệu ${n}`,
    unitErrors: (n: number) => `${n} lỗi`,
    unitDone: "Đã xong",
    goTo: "Xem",
    goToLabel: (unit: string) => `Xem ${unit} trong trang Nhập điểm`,
  },
  rank: {
    heading: "Tạo bảng xếp hạng",
    groups: "Nhóm cần xếp hạng",
    tiePolicy: "Cách xếp đồng hạng",
    ties: {
      competition: "Đồng hạng, bỏ hạng kế tiếp (1, 1, 3)",
      dense: "Đồng hạng, không bỏ hạng (1, 1, 2)",
      "main-index-order": "Tách theo chỉ số chính lần lượt",
    },
    rounding: "Làm tròn ở bước",
    roundingStages: {
      display: "Chỉ khi hiển thị",
      component: "Từng chỉ số thành phần",
      "main-index": "Từng chỉ số chính",
      total: "Tổng điểm",
    },
    decimals: "Số chữ số thập phân",
    lastYear: "Kết quả năm trước (để so sánh)",
    noLastYear: "Không so sánh",
    build: "Tạo bảng xếp hạng",
    building: "Đang tạo bảng xếp hạng…",
    step: (step: "read" | "score" | "write") =>
      ({
        read: "Bước 1/3: đọc dữ liệu…",
        score: "Bước 2/3: tính điểm, xếp loại, xếp hạng…",
        write: "Bước 3/3: ghi bảng xếp hạng…",
      })[step],
    done: "Đã tạo:",
    open: (sheet: string) => `Mở trang ${sheet}`,
    units: (n: number) => `${n} đơn vị được xếp hạng.`,
    notLoaded: "Chưa nạp bộ chỉ số: vào thẻ Bộ chỉ số trước.",
    appendix: "Tạo phụ lục quyết định",
    appendixHint: "Bảng xếp hạng và một trang Phụ lục cho mỗi nhóm, sẵn sàng in (A4).",
    askTitle: (n: number) => `${n} lỗi chưa sửa`,
    askBody:
      "Đơn vị có lỗi sẽ được xếp hạng với kết quả tạm tính (ghi rõ ở cột Ghi chú). Sửa trước, hay vẫn xếp hạng?",
    askMore: (n: number) => `… và ${n} lỗi khác (xem thẻ Kiểm tra).`,
    buildAnyway: "Vẫn xếp hạng",
    fixFirst: "Sửa trước",
    errorsLabel: "Lỗi chưa sửa",
  },
  explain: {
    heading: "Con số này từ đâu ra?",
    pick: "Chọn một ô điểm (trang Nhập điểm) hoặc một dòng kết quả trong bảng tính.",
    nothing: (cell: string) => `Ô ${cell} không phải là một ô điểm hay kết quả.`,
    cell: "Ô",
    unit: "Đơn vị",
    indicator: "Chỉ số",
    points: "Điểm",
    method: "Cách tính",
    inputs: "Đầu vào",
    rule: "Quy tắc",
    source: "Nguồn",
    notScored: "chưa tính được",
    outOf: (max: number) => `trên tối đa ${max}`,
    rules: {
      entered: (from: "appraised" | "self"): string =>
        from === "appraised"
          ? "Điểm thẩm định đã nhập"
          : "Điểm tự đánh giá (chưa có điểm thẩm định)",
      ratio: "Tỷ lệ a / b × điểm tối đa",
      step: "Theo nấc: đạt mức nào được điểm của mức đó",
      fraction: "Theo lựa chọn: một phần của điểm tối đa",
      "capped-sum": "Cộng các mục, không vượt điểm tối đa",
      "normalised-to-best": "So với đơn vị cao nhất cùng nhóm",
      "peer-max": "Đơn vị không có đơn vị trực thuộc: lấy điểm cao nhất của đơn vị cùng nhóm",
      proportional: "Đơn vị không có DVCTT: tính theo tỷ lệ các chỉ số còn lại",
      "not-applicable-max": "Chỉ số không áp dụng cho đơn vị đặc thù: được điểm tối đa",
      "not-applicable-to-unit":
        "Chỉ số không áp dụng cho đơn vị này (trang quy tắc, khối 9): không chấm, không tính vào điểm tối đa",
      bonus: "Điểm thưởng",
      penalty: "Điểm trừ",
      unscored: "Thu thập, không tính điểm",
      "sum-of-components": "Tổng các chỉ số thành phần",
      "entered-total": "Tổng đã ghi trong bảng",
      missing: "Chưa nhập hoặc không đọc được: tổng điểm là tạm tính",
      total: "Tổng các chỉ số chính, xếp loại theo tỷ lệ % điểm tối đa, xếp hạng trong nhóm",
    },
    grade: "Xếp loại",
    rank: "Thứ hạng trong nhóm",
    percent: "Tỷ lệ điểm tối đa",
    /** The labels of an explanation's inputs (Derivation fields). */
    labels: {
      valueInCell: "Giá trị trong ô",
      enteredIn: "Ô nhập",
      maximum: "Điểm tối đa",
      value: "Giá trị",
      stepReached: "Mức đạt",
      option: "Lựa chọn",
      fraction: "Tỷ lệ",
      sumOfItems: "Tổng các mục",
      cap: "Mức trần",
      rulesCap: "Trần của trang quy tắc (cả đơn vị)",
      best: "Cao nhất",
      bestPeer: "Đơn vị cao nhất",
      othersPoints: "Điểm đạt các chỉ số còn lại",
      othersMax: "Tối đa các chỉ số còn lại",
      scope: "Phạm vi",
      points: "Điểm",
      components: "Các chỉ số",
      index: (code: string) => `Chỉ số ${code}`,
    },
    /** How an indicator is scored (its method in the rule profile). */
    methods: {
      direct: "chấm trực tiếp",
      ratio: "tỷ lệ a / b",
      step: "theo nấc",
      fraction: "theo lựa chọn",
      "capped-sum": "cộng có trần",
      "normalised-to-best": "so với đơn vị cao nhất",
      bonus: "điểm thưởng",
      penalty: "điểm trừ",
      unscored: "không tính điểm",
    } satisfies Record<ScoringMethod["kind"], string>,
  },
  /** Problems the pane itself finds: what is wrong and what to do. */
  paneErrors: {
    noUnits:
      "Chưa có cơ quan, đơn vị nào: nhập tên (mỗi dòng một tên) hoặc điền trang Đơn vị rồi bấm lại.",
    fixChanged:
      "Ô đã thay đổi từ lần kiểm tra trước nên chưa sửa. Kiểm tra lại rồi sửa nếu vẫn cần.",
    undoChanged:
      "Không hoàn tác được: ô đã được sửa tiếp sau khi sửa nhanh. Giá trị hiện tại được giữ nguyên.",
  },
  /** Workbook errors come from the engine's port-error catalogue; this is the text for anything else. */
  portErrors: {
    unknown: () => "Đã có lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, lưu tệp rồi mở lại Excel.",
  },
  outsideExcel:
    "Trang này chạy trong Excel. Để xem thử không cần Excel, mở bản xem trước (npm start).",
  /** The host lacks a requirement set the add-in needs (src/workbook/office/requirements.ts). */
  missingRequirements: (sets: string) =>
    `Phiên bản Excel này thiếu chức năng add-in cần: ${sets}. Hãy cập nhật Excel (Tệp > Tài khoản > Tùy chọn cập nhật > Cập nhật ngay), dùng Microsoft 365 hoặc Excel trên web.`,
  preview: {
    title: "DTI cho Excel: bản xem trước (không cần Excel)",
    workbook: "Bảng tính",
    sheets: "Các trang tính",
    cellEditor: (cell: string) => `Ô ${cell}`,
    selected: "Ô đang chọn",
    formulaBar: "Nội dung ô",
    grid: (sheet: string) => `Trang ${sheet}`,
    sampleNote: "Dữ liệu minh hoạ, không phải số liệu chính thức.",
    chart: (title: string, bars: number) =>
      `Biểu đồ thanh ngang "${title}": ${bars} đơn vị theo tổng điểm`,
    chartNoValue: "chưa tính được",
  },
};

export type Strings = typeof vi;
