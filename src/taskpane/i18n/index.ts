/** The pane's texts by locale, and a context so every component reads the current one. */
import { createContext, useContext } from "react";
import type { Locale } from "../../engine";
import { en } from "./en";
import { vi, type Strings } from "./vi";

export type { Strings };

export const STRINGS: Readonly<Record<Locale, Strings>> = { vi, en };

export const LocaleContext = createContext<Locale>("vi");

/** The texts of the current locale. */
export function useStrings(): Strings {
  return STRINGS[useContext(LocaleContext)];
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
