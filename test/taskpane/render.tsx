/** Renders a pane component as the pane does: inside Fluent's provider, in a locale. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { configure, render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";
import type { Locale } from "../../src/engine/model/types";
import { LocaleContext } from "../../src/taskpane/i18n";

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own size to reflow.
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.assign(window, { ResizeObserver: NoResize });
}

// jsdom has no TextDecoder/TextEncoder (browsers and Excel's webviews do): the .xlsx reader uses them.
if (typeof globalThis.TextDecoder === "undefined") {
  Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
}

// findBy*/waitFor poll until the pane shows what a step waits for; their default of 1 s is too short on
// a loaded 2-core machine (the use-cases run over a real MemoryWorkbook): a longer ceiling is not a
// speed assertion, a passing step still ends as soon as the text appears.
configure({ asyncUtilTimeout: 5000 });

export function renderIn(ui: ReactElement, locale: Locale = "vi"): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <LocaleContext.Provider value={locale}>{ui}</LocaleContext.Provider>
    </FluentProvider>
  );
}
