export interface ErrorBarProps {
  /** Plain-language text (already in the user's language); null hides the bar. */
  readonly message: string | null;
  readonly onDismiss: () => void;
  /** A way out offered with the message ("Vẫn tạo lại" on a sheet the user edited), when there is one. */
  readonly action?: { readonly label: string; readonly onClick: () => void };
}
