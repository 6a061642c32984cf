// The shell's typed bridge (one ApiError class for the whole renderer, so `instanceof` holds).
export { ApiError, callApi } from '../../api';
