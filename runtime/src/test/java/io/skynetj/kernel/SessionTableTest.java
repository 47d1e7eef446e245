package io.skynetj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTableTest {
    /** Random puts and removes over a small key range (many collisions, long runs) agree with a HashMap. */
    @Test
    void agreesWithAHashMap() {
        Random random = new Random(19);
        SessionTable table = new SessionTable();
        Map<Integer, Object> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int key = 1 + random.nextInt(step < 100_000 ? 40 : 4000);
            if (random.nextInt(3) == 0) {
                assertEquals(reference.remove(key), table.remove(key), "remove " + key);
            } else {
                Object value = step;
                assertEquals(reference.put(key, value), table.put(key, value), "put " + key);
            }
            if (step % 997 == 0) {
                for (int k = 1; k <= 4000; k++) assertEquals(reference.get(k), table.get(k), "get " + k);
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < table.capacity(); i++) if (table.valueAt(i) != null) values.add(table.valueAt(i));
                assertEquals(reference.size(), values.size());
                assertEquals(reference.size(), table.size());
            }
        }
        assertEquals(null, table.get(0), "session 0 is never a key");
    }
}
