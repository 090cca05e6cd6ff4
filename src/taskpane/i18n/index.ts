/** The pane's texts by locale, and a context so every component reads the current one. */
import { createContext, useContext } from "react";
import type { Locale } from "../../engine";
import { en } from "./en";
import { vi, type Strings } from "./vi";

export type { Strings };

export const STRINGS: Readonly<Record<Locale, Strings>> = { vi, en };

export const LocaleContext = createContext<Locale>("vi");

/** The BCP 47 tag numbers are formatted with ("8,5" in vi-VN, "8.5" in en-US). */
export const NUMBER_LOCALE: Readonly<Record<Locale, string>> = { vi: "vi-VN", en: "en-US" };

/** The texts of the current locale. */
export function useStrings(): Strings {
  return STRINGS[useContext(LocaleContext)];
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
