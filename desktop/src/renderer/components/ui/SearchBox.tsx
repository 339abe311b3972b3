// A list's search box: a search input that filters as the user types (issue 63: the same input stood
// written out in the contacts list, the deal board and the catalog). The label names it for a screen
// reader; the placeholder is the label unless a shorter word fits the box better.
type Props = {
  value: string;
  onSearch(text: string): void;
  label: string;
  placeholder?: string;
  testId: string;
};

export function SearchBox({ value, onSearch, label, placeholder, testId }: Props) {
  return (
    <input
      type="search"
      placeholder={placeholder ?? label}
      aria-label={label}
      value={value}
      onChange={(e) => onSearch(e.target.value)}
      data-testid={testId}
    />
  );
}
