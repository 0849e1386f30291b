/**
 * The enterprise picker: a form field whose value is an enterprise's id, chosen by typing its name
 * or credit code (the directory is searched as one types, confirmed entries only). Used wherever a
 * coordinator names an enterprise: registering a project, recording a delegation.
 */
import { useEffect, useState } from 'react';
import { type EnterpriseList } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { FormSelect } from './common';

/** How many directory entries the picker offers at once (typing narrows them). */
const PICKER_SIZE = 20;

/** `id`, `value` and `onChange` come from the Form.Item around it (the id ties its label to the field). */
export function EnterprisePicker({
  id,
  value,
  onChange,
  testId,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId: string;
}) {
  const { t } = useI18n();
  // A short pause after typing, so not every key is a request.
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const enterprises = useApi<EnterpriseList>(`/api/enterprises?status=confirmed&pageSize=${PICKER_SIZE}${search ? `&q=${encodeURIComponent(search)}` : ''}`);
  // The picked enterprise stays among the options while another search runs, so the field shows its name, never its id.
  const [picked, setPicked] = useState<{ value: string; label: string } | undefined>(undefined);
  const options = (enterprises.data?.enterprises ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <FormSelect
      id={id}
      showSearch
      allowClear
      value={value}
      placeholder={t('pickEnterprise')}
      filterOption={false}
      onSearch={setTyped}
      loading={enterprises.loading}
      notFoundContent={enterprises.loading ? t('loading') : t('noData')}
      options={options}
      onChange={(chosen: string | undefined) => {
        setPicked(options.find((o) => o.value === chosen));
        onChange?.(chosen);
      }}
      data-testid={testId}
    />
  );
}
