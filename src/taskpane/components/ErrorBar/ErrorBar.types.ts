export interface ErrorBarProps {
  /** Plain-language text (already in the user's language); null hides the bar. */
  readonly message: string | null;
  readonly onDismiss: () => void;
}
