-- require "skynet.datasheet.dump": dump(t) is the datasheet document of a table (the string
-- skynet.datasheet.core reads); diff(last, current) is the document of a new version that keeps the
-- table numbers of the last one, so readers' tables follow it. Both are done in Java.
local core = require "skynet.datasheet.core"

return {
	dump = core.dump,
	diff = core.diff,
}
