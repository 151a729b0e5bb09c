package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.golden.GoldenVectors.Kind;
import org.mmsgw.codec.golden.GoldenVectors.Vector;

/**
 * The golden tests only see the vectors they can classify, and only load the expected files of those
 * vectors. This keeps both sides whole: every file in the vectors dir is a vector of a known kind, and
 * every expected file belongs to a vector.
 */
class GoldenCoverageTest {

    @Test
    void everyVectorFileIsOfAKnownKind() {
        List<String> unknown = GoldenVectors.all().stream().filter(v -> v.kind() == Kind.UNKNOWN).map(Vector::id)
                .toList();
        assertEquals(List.of(), unknown, "vector files no golden test decodes (or a segment without segment 1)");
    }

    @Test
    void everyExpectedFileBelongsToAVector() throws IOException, URISyntaxException {
        URL url = GoldenCoverageTest.class.getResource("/golden");
        assertTrue(url != null, "no golden/ on the test classpath");
        Path root = Path.of(url.toURI());
        Set<String> expectedFiles;
        try (Stream<Path> walk = Files.walk(root)) {
            expectedFiles = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".expected.json"))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        Set<String> used = GoldenVectors.all().stream().map(Vector::expectedPath).collect(Collectors.toSet());
        expectedFiles.removeAll(used);
        assertEquals(Set.of(), expectedFiles, "expected files without a vector in " + GoldenVectors.dir());
    }
}
