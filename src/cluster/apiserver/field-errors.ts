/**
 * Validation errors as apimachinery's field.Error: a type, the field path, the
 * bad value and a detail. `formatFieldError` renders them the way the API
 * server puts them into a Status message.
 *
 * @see k8s.io/apimachinery/pkg/util/validation/field/errors.go
 */
export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'Unsupported'
  | 'Forbidden'
  | 'Duplicate'
  | 'NotFound'
  | 'TooLong'
  | 'TooMany';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value; omitted for Required/Forbidden which print no value. */
  value?: unknown;
  detail?: string;
  /** For Unsupported: the supported values. */
  supported?: string[];
}
