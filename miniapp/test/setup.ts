import { resetTaroMock } from './taro';

// Each test starts with empty device storage and fresh mocks.
beforeEach(() => resetTaroMock());
