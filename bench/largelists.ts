export async function runLargeLists(): Promise<void> {
  throw new Error('not written yet');
}
