#!/usr/bin/env node
import "../dist/dev.js"
