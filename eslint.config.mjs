// Lint: office-addins rules, type-checked typescript-eslint, prettier, and the engine's purity walls.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettierPlugin from "eslint-plugin-prettier";
import prettierConfig from "eslint-config-prettier";
import globals from "globals";

/**
 * The engine's one door: outside src/engine, src code imports only src/engine (its index). The
 * custom functions runtime has its own door, src/engine/functions, so functions.js does not bundle
 * the whole engine. Tests may import engine modules directly (they test them one by one).
 */
const ENGINE_DOOR = {
  group: ["**/engine/*", "!**/engine/index", "!**/engine/index.ts"],
  message: "Outside src/engine import only src/engine (its index.ts): export what you need there.",
};
const FUNCTIONS_DOOR = {
  group: ["**/engine/*", "!**/engine/index", "!**/engine/functions"],
  message: "src/functions imports only src/engine or src/engine/functions.",
};

const officePlugin = officeAddins.configs?.recommended?.find((c) => c.plugins?.["office-addins"])?.plugins["office-addins"];

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", "coverage/", "test-artifacts/", ".cache/", "**/*.js", "**/*.cjs", "**/*.mjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettierConfig,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { "office-addins": officePlugin, prettier: prettierPlugin },
    rules: {
      "prettier/prettier": ["error", { endOfLine: "auto" }],
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/explicit-module-boundary-types": "off",
      "no-console": "error",
    },
  },
  {
    // The engine is pure: no Office, React, DOM or Node APIs.
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-*", "@fluentui/*", "exceljs", "@microsoft/*", "office-*"], message: "src/engine is pure: no UI or Office imports." },
            { group: ["fs", "path", "os", "child_process", "node:*", "url", "util", "stream", "zlib", "crypto"], message: "src/engine is pure: no Node APIs." },
            { group: ["**/workbook/**", "**/app/**", "**/taskpane/**", "**/preview/**", "**/cli/**", "**/functions/**"], message: "src/engine imports nothing outside src/engine." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "window", "document", "Excel", "Office", "CustomFunctions", "process", "require", "navigator", "localStorage", "Buffer"],
    },
  },
  {
    files: ["src/workbook/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [ENGINE_DOOR, { group: ["**/app/**", "**/taskpane/**", "**/preview/**", "**/cli/**", "react", "@fluentui/*"], message: "src/workbook imports only src/engine." }] }],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [ENGINE_DOOR, { group: ["**/workbook/office/**", "**/workbook/xlsx/**", "**/workbook/memory/**", "**/taskpane/**", "**/preview/**", "**/cli/**", "react", "@fluentui/*", "exceljs"], message: "use-cases see the port type only." }] }],
    },
  },
  {
    // The pane: components, hooks, i18n; it calls use-cases (src/app) and sees engine types. Its
    // entry point (index.tsx) alone picks the Office adapter.
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    ignores: ["src/taskpane/index.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [ENGINE_DOOR, { group: ["**/workbook/office/**", "**/workbook/xlsx/**", "**/workbook/memory/**", "**/cli/**", "**/preview/**", "exceljs", "node:*", "fs", "path", "child_process"], message: "src/taskpane calls use-cases (src/app); adapters are picked by entry points." }] }],
    },
  },
  {
    files: ["src/taskpane/index.tsx", "src/preview/**/*.ts", "src/preview/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [ENGINE_DOOR] }] },
  },
  {
    // The command line: use-cases over the ExcelJS adapter; no UI, no Office.
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [ENGINE_DOOR, { group: ["**/taskpane/**", "**/preview/**", "**/workbook/office/**", "react", "react-*", "@fluentui/*", "@microsoft/*"], message: "src/cli runs use-cases over the ExcelJS adapter: no UI or Office imports." }] }],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [FUNCTIONS_DOOR, { group: ["**/workbook/**", "**/app/**", "**/taskpane/**", "**/cli/**", "react", "@fluentui/*"], message: "src/functions wraps engine functions only." }] }],
    },
  },
  {
    files: ["src/cli/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "src/workbook/logger.ts", "src/logger.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["test/**/*.ts", "test/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      "no-console": "off",
    },
  },
);
