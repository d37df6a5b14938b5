// The kinds the API server serves, then each kind's defaulting and validation.
import './builtin.js';
