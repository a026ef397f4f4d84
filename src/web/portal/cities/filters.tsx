import { NativeSelect } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { FocusArea } from '../queries.js';

/**
 * Filters kept in the address (?name=value), so a filtered view can be shared. Changing a filter
 * replaces the history entry and keeps the scroll position; an empty value removes it.
 */
export function useAddressFilters<Name extends string>() {
  const [params, setParams] = useSearchParams();
  function setFilter(name: Name, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }
  const clearFilters = () => setParams(new URLSearchParams(), { replace: true, preventScrollReset: true });
  return { params, setFilter, clearFilters };
}

/** A focus-area filter: every area (the empty value, `allLabel`) or one, named with its code. */
export function FocusAreaFilter({
  label,
  allLabel,
  focusAreas,
  value,
  onChange,
  disabled,
}: {
  label: string;
  allLabel: string;
  focusAreas: FocusArea[];
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={disabled}
      data={[{ value: '', label: allLabel }, ...focusAreas.map((area) => ({ value: area.id, label: `${area.name} (${area.code})` }))]}
    />
  );
}
