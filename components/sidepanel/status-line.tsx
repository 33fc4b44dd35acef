/** The outcome of the last action, announced to screen readers (errors assertively). */
export function StatusLine({
  message,
}: {
  message?: { text: string; error: boolean } | undefined;
}) {
  return (
    <>
      <p class="status-line" role="status" data-testid="panel-status">
        {message && !message.error ? message.text : ''}
      </p>
      <p class="status-line error" role="alert" data-testid="panel-error">
        {message?.error ? message.text : ''}
      </p>
    </>
  );
}
