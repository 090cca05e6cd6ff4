/**
 * webpack.config.js: `npm run dev-server` serves HTTPS (Office loads add-ins only over https), the
 * preview (`npm start`) stays plain http, and a production build without DTI_PROD_URL says loudly
 * that dist/manifest.xml points at the placeholder. Certificates are not made here (no openssl
 * needed): only the preview and build configurations are built.
 */
interface Config {
  devServer: { server?: unknown };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS webpack config
const config = require("../../webpack.config.js") as (
  env: Record<string, unknown>,
  options: { mode: string }
) => Config;

describe("webpack.config.js", () => {
  it("keeps the preview (npm start) on plain http", () => {
    const c = config({ WEBPACK_SERVE: true, preview: true }, { mode: "development" });
    expect(c.devServer.server).toBeUndefined();
  });

  it("warns loudly when a production build has no DTI_PROD_URL", () => {
    const saved = process.env.DTI_PROD_URL;
    delete process.env.DTI_PROD_URL;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      config({}, { mode: "production" });
      const text = warn.mock.calls.map((c) => String(c[0])).join("\n");
      expect(text).toContain("DTI_PROD_URL is not set");
      expect(text).toContain("https://dti-excel.example.gov.vn/");
    } finally {
      warn.mockRestore();
      if (saved !== undefined) process.env.DTI_PROD_URL = saved;
    }
  });
});
