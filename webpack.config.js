/* Builds the task pane, the custom functions (metadata generated from JSDoc) and the browser preview. */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const webpack = require("webpack");

const urlDev = "https://localhost:3000/"; // the dev manifest's origin (Excel sideloads over https)
const urlProd = process.env.DTI_PROD_URL || "https://dti-excel.example.gov.vn/"; // the template's production-URL rewrite

module.exports = (env = {}, options = {}) => {
  const dev = options.mode !== "production";
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
      // Node-only code paths (reading a file by path in the xlsx reader) are never taken in the browser.
      fallback: { "fs/promises": false, fs: false, path: false },
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
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
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
    performance: { hints: false },
    devServer: {
      static: { directory: outDir },
      port: Number(process.env.PORT || 3000),
      host: "127.0.0.1",
      open: false,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
};
