import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useAttemptKey } from './idempotency.ts';

/** Maps an API field name (`amount_fen`) to the form field that produced it (`amount`). */
export type FieldMap = Record<string, string>;

interface Props<V> {
  open: boolean;
  title: string;
  testId: string;
  onClose(): void;
  /** Performs the write with the form's idempotency key; resolves to the success message. */
  onSubmit(values: V, idempotencyKey: string): Promise<string>;
  fieldMap?: FieldMap;
  initialValues?: Partial<V> | undefined;
  okText?: string | undefined;
  danger?: boolean;
  children: ReactNode;
}

function formField(apiField: string, known: Set<string>, map: FieldMap): string | null {
  // Servers report paths such as `body.amount_fen` or `lines.0.amount_fen`; try each form.
  const path = apiField.replace(/^body[./]/, '');
  const last = path.split(/[.[\]/]+/).filter((s) => !/^\d+$/.test(s)).pop() ?? path;
  for (const candidate of [path, last]) {
    const mapped = map[candidate] ?? candidate;
    if (known.has(mapped)) return mapped;
  }
  return null;
}

/** Puts a problem's detail beside the fields it names; returns what no field could take. */
function placeProblem(form: FormInstance, err: ApiError, map: FieldMap): string | null {
  const p = err.problem;
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const text = p.detail ?? p.title;
  const placed: { name: string; errors: string[] }[] = [];
  if (p.field) {
    const name = formField(p.field, known, map);
    if (name) placed.push({ name, errors: [text] });
  }
  for (const e of p.errors ?? []) {
    const name = formField(e.field, known, map);
    if (name && !placed.some((x) => x.name === name)) placed.push({ name, errors: [e.message] });
  }
  form.setFields(placed);
  return placed.length > 0 ? null : text;
}

export function FormModal<V extends object>(props: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  const keyFor = useAttemptKey(props.open);
  const inFlight = useRef(false);

  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setProblem(null);
    }
  }, [props.open, form]);

  async function submit() {
    // A ref, not state: two clicks in one frame both see the old `busy`.
    if (inFlight.current) return;
    const values = await form.validateFields().catch(() => null);
    if (!values || inFlight.current) return;
    const key = keyFor(values);
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const done = await props.onSubmit(values, key);
      void message.success(done);
      props.onClose();
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setProblem({ title: t('errors.generic'), detail: String(err) });
        return;
      }
      const rest = placeProblem(form, err, props.fieldMap ?? {});
      setProblem({ title: err.problem.title, detail: rest === err.problem.title ? null : rest });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={props.okText ?? t('common.submit')}
      okButtonProps={{ loading: busy, danger: props.danger ?? false, ...({ 'data-testid': `${props.testId}-submit` } as object) }}
      destroyOnHidden
      maskClosable={false}
      data-testid={props.testId}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={problem.title}
          description={problem.detail}
          data-testid={`${props.testId}-error`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={props.initialValues ?? {}} onFinish={() => void submit()} preserve={false}>
        {props.children}
        {/* Enter in a text field submits, as on every POS screen. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
