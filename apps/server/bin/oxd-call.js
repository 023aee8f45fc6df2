#!/usr/bin/env node
import "../dist/call.js"
