package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.persistence.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProofRepository {

    private final JdbcClient jdbc;

    ProofRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps only the latest proof per package; update-then-insert because MERGE syntax differs between H2 and PostgreSQL. */
    void save(StoredProof proof) {
        if (update(proof) == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO visibility_proof (owner_login, package_name, pullable, detail, checked_at)
                        VALUES (:owner, :name, :pullable, :detail, :checkedAt)""")
                        .paramSource(params(proof)).update();
            } catch (DuplicateKeyException concurrentInsert) {
                update(proof);
            }
        }
    }

    private int update(StoredProof proof) {
        return jdbc.sql("""
                UPDATE visibility_proof SET pullable = :pullable, detail = :detail, checked_at = :checkedAt
                WHERE owner_login = :owner AND package_name = :name""")
                .paramSource(params(proof)).update();
    }

    Optional<StoredProof> find(String owner, String name) {
        return jdbc.sql("SELECT * FROM visibility_proof WHERE owner_login = :owner AND package_name = :name")
                .param("owner", owner).param("name", name).query(ProofRepository::map).optional();
    }

    Map<String, StoredProof> findAll(String owner) {
        List<StoredProof> proofs = jdbc.sql("SELECT * FROM visibility_proof WHERE owner_login = :owner")
                .param("owner", owner).query(ProofRepository::map).list();
        return proofs.stream().collect(Collectors.toMap(StoredProof::packageName, Function.identity()));
    }

    private static Map<String, Object> params(StoredProof proof) {
        return Map.of("owner", proof.ownerLogin(), "name", proof.packageName(), "pullable", proof.proof().pullable(),
                "detail", proof.proof().detail(), "checkedAt", Timestamps.column(proof.proof().checkedAt()));
    }

    private static StoredProof map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredProof(rs.getString("owner_login"), rs.getString("package_name"),
                new PullProof(rs.getBoolean("pullable"), rs.getString("detail"), Timestamps.read(rs, "checked_at")));
    }
}
