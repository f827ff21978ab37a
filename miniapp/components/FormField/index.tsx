import { Input, Label, Text, Textarea, View } from '@tarojs/components';
import { useFieldError } from '../../stores/fieldErrors';
import './index.scss';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  multiline?: boolean;
  type?: 'text' | 'number';
  error?: string | null;
  /** the API's name for this field: the server's message for it (422 details.fields) shows here */
  name?: string;
}

/** The server's message for the API field `name` on this page (for inputs outside FormField). */
export function FieldError({ name }: { name: string }) {
  const message = useFieldError(name);
  return message ? (
    <Text className="xfh-error xfh-field__error" id={`field-error-${name}`}>
      {message}
    </Text>
  ) : null;
}

/** A labelled text field (one line or several) with a character count and its error under it. */
export default function FormField({ id, label, value, onInput, placeholder, maxlength, multiline, type = 'text', error, name }: Props) {
  const serverError = useFieldError(name);
  const shown = error || serverError;
  return (
    <View className="xfh-field">
      <Label className="xfh-field__label" for={id}>
        {label}
        {maxlength ? <Text className="xfh-muted">（{Array.from(value).length}/{maxlength}）</Text> : null}
      </Label>
      {multiline ? (
        <Textarea
          id={id}
          className="xfh-field__input xfh-field__input--multi"
          value={value}
          maxlength={maxlength ?? -1}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          nativeProps={{ 'aria-label': label }}
        />
      ) : (
        <Input
          id={id}
          className="xfh-field__input"
          type={type}
          value={value}
          maxlength={maxlength ?? -1}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          nativeProps={{ 'aria-label': label }}
        />
      )}
      {shown && (
        <Text className="xfh-error xfh-field__error" id={name ? `field-error-${name}` : undefined}>
          {shown}
        </Text>
      )}
    </View>
  );
}
