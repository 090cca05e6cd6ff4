import { foldLoose, foldName } from "../../../src/engine/text/normalize";

describe("foldName", () => {
  it.each([
    ["  Sở  Tài chính ", "so tai chinh"],
    ["ĐIỂM TỰ ĐÁNH GIÁ", "diem tu danh gia"],
    ["UBND huyện,\u00a0thành phố", "ubnd huyen, thanh pho"],
    ["Đắk Lắk", "dak lak"],
    ["Nhóm\n\tI", "nhom i"],
    ["", ""],
  ])("%j → %j", (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });
  it("matches decomposed and precomposed accents alike", () => {
    expect(foldName("Tho\u0302\u0301ng")).toBe(foldName("Thống"));
  });
  it("foldLoose also drops punctuation", () => {
    expect(foldLoose("Điểm tự đánh giá (*)")).toBe("diem tu danh gia");
    expect(foldLoose("STT/Mã")).toBe("stt ma");
  });
});
