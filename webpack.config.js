/* Builds the task pane, the custom functions (metadata generated from JSDoc) and the browser preview. */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const webpack = require("webpack");

const urlDev = "https://localhost:3000/"; // the dev manifest's origin (Excel sideloads over https)
const PLACEHOLDER_PROD_URL = "https://dti-excel.example.gov.vn/";
const urlProd = process.env.DTI_PROD_URL || PLACEHOLDER_PROD_URL; // the template's production-URL rewrite

/**
 * functions.json from the JSDoc of src/functions/functions.ts. custom-functions-metadata-plugin would
 * also append unguarded `CustomFunctions.associate(...)` calls to that file (a ReferenceError
 * outside Excel, and before office.js is there); src/functions/register.ts registers instead.
 */
/**
 * The generated metadata plus what JSDoc cannot say: `allowErrorForDataTypeAny`, so error cells
 * reach the functions (DTI.CHECK names the error, DTI.TABLE lists a bad unit unranked instead of
 * failing whole) — https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json
 */
function finishMetadata(json) {
  const meta = JSON.parse(json);
  return JSON.stringify({ ...meta, allowErrorForDataTypeAny: true }, null, 2);
}

class FunctionsMetadataPlugin {
  constructor(input, output) {
    this.input = path.resolve(__dirname, input);
    this.output = output;
  }
  apply(compiler) {
    let result = null;
    compiler.hooks.beforeCompile.tapPromise("FunctionsMetadataPlugin", async () => {
      result = await generateCustomFunctionsMetadata([this.input], false);
    });
    compiler.hooks.thisCompilation.tap("FunctionsMetadataPlugin", (compilation) => {
      compilation.fileDependencies.add(this.input);
      if (!result) return;
      if (result.errors.length > 0) {
        for (const e of result.errors) compilation.errors.push(new webpack.WebpackError(`${this.input}: ${e}`));
        return;
      }
      compilation.emitAsset(this.output, new webpack.sources.RawSource(finishMetadata(result.metadataJson)));
    });
  }
}

/** A production manifest pointing at the placeholder host cannot be installed: said loudly, once. */
let warnedProdUrl = false;
function warnPlaceholderProdUrl() {
  if (warnedProdUrl || process.env.DTI_PROD_URL) return;
  warnedProdUrl = true;
  const line = "!".repeat(78);
  console.warn(
    [
      line,
      "DTI_PROD_URL is not set: dist/manifest.xml points at the placeholder " + PLACEHOLDER_PROD_URL,
      "Office cannot load the add-in from there. Build again with the real HTTPS address, e.g.",
      "  DTI_PROD_URL=https://dti.sonla.gov.vn/ npm run build",
      "(chưa đặt DTI_PROD_URL: manifest trong dist/ trỏ tới địa chỉ mẫu, không cài được)",
      line,
    ].join("\n")
  );
}

const config = (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  if (!dev) warnPlaceholderProdUrl();
  // `--env preview`: only the preview page (npm start, browser tests); `--env outDir=…` builds elsewhere.
  const previewOnly = Boolean(env.preview);
  const outDir = env.outDir ? path.resolve(__dirname, env.outDir) : path.resolve(__dirname, "dist");
  const entries = {
    taskpane: "./src/taskpane/index.tsx",
    functions: "./src/functions/functions.ts",
    preview: "./src/preview/index.tsx",
  };
  return {
    devtool: dev ? "source-map" : false,
    entry: previewOnly ? { preview: entries.preview } : entries,
    output: { path: outDir, clean: true, publicPath: "auto" },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Node-only code paths (reading a file by path, native inflation in the xlsx reader) are never
      // taken in the browser.
      fallback: { "fs/promises": false, fs: false, path: false, zlib: false },
    },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      ...(previewOnly ? [] : [
      new FunctionsMetadataPlugin("./src/functions/functions.ts", "functions.json"),
      // Shared runtime: the task pane page also hosts the custom functions (manifest: Page = Taskpane.Url).
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane", "functions"] }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      new HtmlWebpackPlugin({ filename: "functions.html", template: "./src/functions/functions.html", chunks: ["functions"] }),
      ]),
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              // Origins without the trailing slash too (AppDomain), so no dev URL survives a production build.
              const strip = (u) => u.replace(/\/$/, "");
              return dev ? content : content.toString().split(strip(urlDev)).join(strip(urlProd));
            },
          },
        ],
      }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // functions.js and the task pane run in one page (shared runtime): the engine code the
          // functions use (profiles, message catalogues, numbers, grades) goes into one chunk both
          // load, instead of being bundled twice. `test` picks only modules of the functions entry.
          shared: {
            name: "shared",
            chunks: "all",
            minChunks: 2,
            enforce: true,
            test: (module, { chunkGraph }) =>
              [...chunkGraph.getModuleChunksIterable(module)].some((c) => c.name === "functions"),
          },
        },
      },
    },
    performance: { hints: false },
    devServer: {
      static: { directory: outDir },
      port: Number(process.env.PORT || 3000),
      host: "127.0.0.1",
      open: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      // `npm run dev-server`: HTTPS with development certificates, as Office requires (see
      // scripts/dev-certs.js: no sudo, no network). `npm start` (the preview) stays plain http.
      ...(env.WEBPACK_SERVE && !previewOnly ? { server: httpsServer() } : {}),
    },
  };
};
function httpsServer() {
  const certs = require("./scripts/dev-certs").devCerts(__dirname);
  return certs ? { type: "https", options: certs } : { type: "https" };
}

module.exports = config;
module.exports.finishMetadata = finishMetadata;
