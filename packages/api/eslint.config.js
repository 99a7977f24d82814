import base from '@jalon/eslint-config/base';

export default base;
