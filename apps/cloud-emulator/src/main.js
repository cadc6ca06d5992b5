"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
console.log('emu');
//# sourceMappingURL=main.js.map